package org.opencobrowse.fidelity;

import java.time.Duration;
import org.opencobrowse.testing.Browser;

/**
 * What a fidelity test does in the two browsers: the customer opens a corpus page and starts a session through the
 * script's API (no built-in UI: it would be blocked, hence blank, in the mirror), the agent joins in the console,
 * and both sides are read the same way: visible text (shadow roots and same-origin iframes included, form values in
 * brackets) and a screenshot of the page at the customer's viewport size.
 */
final class FidelityProbe {
    /** Returns the text of a document: rendered text nodes, field values, shadow roots and iframes, spaces collapsed. */
    static final String VISIBLE_TEXT = """
            var visibleText = function (doc) {
              var out = [];
              var walk = function (node) {
                if (node.nodeType === 3) {
                  var p = node.parentElement || (node.parentNode && node.parentNode.host);
                  if (!p || !/^(STYLE|SCRIPT|NOSCRIPT|TEMPLATE)$/i.test(p.tagName)) { out.push(node.textContent); }
                  return;
                }
                if (node.nodeType === 1) {
                  var tag = node.tagName.toUpperCase();
                  var view = node.ownerDocument.defaultView;
                  var style = view && view.getComputedStyle(node);
                  if (style && (style.display === 'none' || style.visibility === 'hidden')) { return; }
                  if (tag === 'IFRAME') {
                    try { if (node.contentDocument && node.contentDocument.body) { walk(node.contentDocument.body); } }
                    catch (e) { }
                    return;
                  }
                  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
                    out.push('[' + (node.type === 'checkbox' ? node.checked : node.value) + ']');
                  }
                  if (node.shadowRoot) { walk(node.shadowRoot); }
                } else if (node.nodeType !== 11) {
                  return;
                }
                for (var i = 0; i < node.childNodes.length; i++) { walk(node.childNodes[i]); }
              };
              walk(doc.body);
              return out.join(' ').replace(/\\s+/g, ' ').trim();
            };
            """;
    private static final String MIRROR = "var f = document.querySelector('#replay-container iframe');"
            + " var doc = f && f.contentDocument;";

    private FidelityProbe() {
    }

    /**
     * As the customer: logs in on the site, opens {@code url}, waits for the page to say it is ready, starts a
     * session; returns its code.
     */
    static String customerShares(Browser customer, CorpusSite site, String url) {
        customer.driver().get(site.login());
        customer.driver().get(url);
        customer.await(Duration.ofSeconds(20), d -> customer.js(
                "return document.body && document.body.getAttribute('data-ready') === 'true' && !!window.cobrowseApi"));
        customer.js("window.cobrowseApi.startSession()");
        return (String) customer.await(Duration.ofSeconds(15), d -> customer.js("return window.sessionToken || null"));
    }

    static void agentJoins(Browser agent, String nodeBase, String code) {
        agent.driver().get(nodeBase + "/agent.html?token=" + code + "&name=Alice");
    }

    /**
     * Waits until the mirror shows the page ready, with its images decoded and fonts loaded, and follows the
     * customer's scroll position.
     */
    static void awaitMirrorSettled(Browser agent, long scrollY) {
        agent.await(Duration.ofSeconds(30), d -> agent.js(MIRROR
                + " if (!doc || !doc.body || doc.body.getAttribute('data-ready') !== 'true') return false;"
                + " var imgs = Array.prototype.slice.call(doc.images);"
                + " if (!imgs.every(function (i) { return i.complete; })) return false;"
                + " if (doc.fonts && doc.fonts.status !== 'loaded') return false;"
                + " return Math.abs((doc.defaultView.scrollY || 0) - arguments[0]) < 2;", scrollY));
    }

    static String customerText(Browser customer) {
        return (String) customer.js(VISIBLE_TEXT + " return visibleText(document);");
    }

    static String mirrorText(Browser agent) {
        return (String) agent.js(VISIBLE_TEXT + MIRROR + " return doc ? visibleText(doc) : null;");
    }

    /** The customer's viewport: {width, height} in CSS px. */
    static int[] viewport(Browser customer) {
        java.util.List<?> size = (java.util.List<?>) customer.js("return [window.innerWidth, window.innerHeight]");
        return new int[] {((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue()};
    }

    /**
     * Shows the replay unscaled at the agent window's top-left corner, above the console, without pointers: its
     * pixels are then the mirrored page's own, at the customer's size.
     */
    static void pinReplay(Browser agent) {
        agent.js("var f = document.querySelector('#replay-container iframe');"
                + " var stage = f; while (stage && !(stage.style && /scale/.test(stage.style.transform))) {"
                + "   stage = stage.parentElement; }"
                + " stage = stage || f.parentElement;"
                + " ['position:fixed', 'left:0', 'top:0', 'transform:none', 'margin:0', 'z-index:2147483647']"
                + "   .forEach(function (d) { var kv = d.split(':'); stage.style.setProperty(kv[0], kv[1], 'important'); });"
                + " var css = document.createElement('style');"
                + " css.textContent = '.replayer-mouse, .replayer-mouse-tail, .cobrowse-pointers { display: none !important; }';"
                + " document.head.appendChild(css);");
    }
}
