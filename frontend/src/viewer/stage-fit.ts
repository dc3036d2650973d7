// Scales the mirrored viewport to fit the agent's container, centred and keeping its aspect ratio.

/**
 * Sizes and transforms `stage` (holding a page of width × height px) inside `container`.
 * @param autoHeight the container has no height of its own (an embed without CSS): it takes the scaled page's height
 */
export function fitStage(container: HTMLElement, stage: HTMLElement, width: number, height: number,
  autoHeight: boolean): void {
  const availableWidth = container.clientWidth;
  const availableHeight = autoHeight ? height : container.clientHeight;
  const scale = Math.min(availableWidth / width, availableHeight / height) || 1;
  if (autoHeight) {
    container.style.height = Math.ceil(height * scale) + 'px';
  }
  const left = Math.max(0, (availableWidth - width * scale) / 2);
  const top = autoHeight ? 0 : Math.max(0, (availableHeight - height * scale) / 2);
  stage.style.width = width + 'px';
  stage.style.height = height + 'px';
  stage.style.transform = 'translate(' + left + 'px,' + top + 'px) scale(' + scale + ')';
}
