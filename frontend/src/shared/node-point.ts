// Pointer positions travel as "a node of the mirrored DOM plus an offset inside it", so that they land on the same
// element whatever the sizes and scroll positions of the two windows. These helpers convert between that form and
// viewport coordinates, through (possibly scaled) iframes.

export interface Point {
  x: number;
  y: number;
}

/** An offset inside a node, as the `pointer` frame carries it. */
export interface NodeOffset {
  element: Element;
  x: number;
  y: number;
}

/**
 * The point at offset x, y inside `element`, in the viewport coordinates of `top` (a window that contains the element,
 * possibly through iframes). The offset is clamped to the element's box, which may be smaller on this side.
 * Null when the element is not displayed or sits in a frame that cannot be reached.
 */
export function pointInViewport(element: Element, x: number, y: number, top: Window): Point | null {
  const box = element.getBoundingClientRect();
  if (!box.width && !box.height && !box.left && !box.top) {
    return null;
  }
  let point: Point = { x: box.left + clamp(x, box.width), y: box.top + clamp(y, box.height) };
  let view = element.ownerDocument ? element.ownerDocument.defaultView : null;
  while (view && view !== top) {
    let frame: HTMLElement | null;
    try {
      frame = view.frameElement as HTMLElement | null;
    } catch {
      return null; // a cross-origin parent: not ours to measure
    }
    if (!frame) {
      return null;
    }
    point = frameToParent(frame, point);
    view = frame.ownerDocument.defaultView;
  }
  return view === top ? point : null;
}

/** A point inside an iframe's viewport seen from its parent's viewport (the iframe may be scaled by a transform). */
export function frameToParent(frame: HTMLElement, point: Point): Point {
  const box = frame.getBoundingClientRect();
  const scaleX = frame.offsetWidth ? box.width / frame.offsetWidth : 1;
  const scaleY = frame.offsetHeight ? box.height / frame.offsetHeight : 1;
  return {
    x: box.left + (frame.clientLeft + point.x) * scaleX,
    y: box.top + (frame.clientTop + point.y) * scaleY,
  };
}

/** The inverse of frameToParent: a point of the parent's viewport inside the iframe's viewport, or null outside it. */
export function parentToFrame(frame: HTMLElement, point: Point): Point | null {
  const box = frame.getBoundingClientRect();
  const scaleX = frame.offsetWidth ? box.width / frame.offsetWidth : 1;
  const scaleY = frame.offsetHeight ? box.height / frame.offsetHeight : 1;
  if (point.x < box.left || point.y < box.top || point.x > box.right || point.y > box.bottom || !scaleX || !scaleY) {
    return null;
  }
  return { x: (point.x - box.left) / scaleX - frame.clientLeft, y: (point.y - box.top) / scaleY - frame.clientTop };
}

/** The element under a point of a document's viewport and the offset of the point inside it. */
export function nodeOffsetAt(doc: Document, point: Point): NodeOffset | null {
  const element = doc.elementFromPoint(point.x, point.y);
  if (!element) {
    return null;
  }
  const box = element.getBoundingClientRect();
  return { element, x: Math.round(point.x - box.left), y: Math.round(point.y - box.top) };
}

function clamp(value: number, size: number): number {
  if (!isFinite(value) || value < 0) {
    return 0;
  }
  return size > 0 ? Math.min(value, size) : value;
}
