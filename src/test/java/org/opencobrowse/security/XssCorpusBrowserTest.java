package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;

/**
 * A forged customer socket (no recorder, raw rrweb JSON) streams an XSS corpus to a real agent console in Chromium:
 * every payload in the snapshot or in mutations, handlers provoked with events, yet nothing runs at the agent and no
 * request leaves for a third party, while the page's harmless text is still mirrored.
 */
class XssCorpusBrowserTest {
    /** Counts every way a payload can report itself in the agent page, before any event arrives. */
    private static final String DETECTOR = """
            window.__xssHits = [];
            window.__xss = function (n) { window.__xssHits.push('__xss(' + n + ')'); };
            ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
              window[name] = function (n) { window.__xssHits.push(name + '(' + n + ')'); };
            });
            window.name = '';
            """;

    /** Fires the events inline handlers listen to on every mirrored element (links are not followed). */
    private static final String PROVOKE = """
            var doc = document.querySelector('#replay-container iframe').contentDocument;
            var types = ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'blur', 'focusin', 'dragstart', 'toggle',
                         'animationstart', 'transitionend', 'load', 'error', 'pageshow', 'resize', 'scroll',
                         'hashchange', 'message', 'begin', 'start'];
            doc.querySelectorAll('*').forEach(function (el) {
              types.forEach(function (t) { el.dispatchEvent(new Event(t)); });
              if (!el.closest('a[href], area[href]')) { el.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
            });
            """;

    /** Lists what an unsanitised mirror would contain: handlers, scripts, script URLs, srcdoc, refresh, base... */
    private static final String INSPECT = """
            var found = [], names = [], text = '';
            var TEXT = ['value', 'title', 'alt', 'content', 'placeholder', 'name', 'class', 'id'];
            function walk(doc, depth) {
              if (!doc || depth > 4) { return; }
              try { names.push(doc.defaultView ? doc.defaultView.name : ''); } catch (e) { names.push('?'); }
              var roots = [doc];
              for (var r = 0; r < roots.length; r++) {
                roots[r].querySelectorAll('*').forEach(function (el) {
                  if (el.shadowRoot) { roots.push(el.shadowRoot); }
                  var tag = el.localName;
                  if (['script', 'base', 'object', 'embed', 'applet', 'portal'].indexOf(tag) >= 0) {
                    found.push('<' + tag + '>');
                  }
                  if ((tag === 'template' || tag === 'noscript') && /__xss/.test(el.textContent)) {
                    found.push(tag + ' keeps script text');
                  }
                  for (var i = 0; i < el.attributes.length; i++) {
                    var a = el.attributes[i], n = a.name.toLowerCase();
                    var v = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
                    if (n.indexOf('on') === 0 || n === 'srcdoc' || n === 'http-equiv'
                        || ((tag === 'iframe' || tag === 'frame') && n === 'src')
                        || (TEXT.indexOf(n) < 0 && n.indexOf('data-') !== 0
                            && /^(javascript|vbscript|data:text\\/html)/.test(v))) {
                      found.push('<' + tag + ' ' + a.name + '="' + a.value + '">');
                    }
                  }
                  if (tag === 'iframe' || tag === 'frame') { walk(el.contentDocument, depth + 1); }
                });
              }
            }
            var frame = document.querySelector('#replay-container iframe');
            walk(frame && frame.contentDocument, 0);
            var mirror = frame.contentDocument;
            return {found: found, names: names, topName: window.name, hits: window.__xssHits,
                    image: mirror.getElementById('harmless-image').getAttribute('src'),
                    color: getComputedStyle(mirror.getElementById('harmless-style')).color,
                    text: frame && frame.contentDocument.body ? frame.contentDocument.body.textContent : ''};
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aForgedCustomerStreamRunsNothingInTheAgentsBrowser() throws Exception {
        try (BeaconServer beacons = BeaconServer.start();
             TestNode node = TestNode.start();
             SessionFixture.Joined customer = SessionFixture.customer(node);
             Browser agent = Browser.start()) {
            List<String> corpus = ForgedCustomerStream.corpus(beacons);
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
            agent.driver().get("about:blank"); // the browser's HTML parser turns the corpus into rrweb nodes
            List<Map<String, Object>> parsed = (List<Map<String, Object>>) agent.js(resource("serialize-payloads.js"),
                    corpus, 10);
            ForgedCustomerStream stream = new ForgedCustomerStream(beacons);
            stream.addParsedPayloads(parsed);
            stream.addForgedPositions();

            agent.driver().get(node.uri("/agent.html?token=" + customer.sessionToken()).toString());
            customer.ws().await("joined");
            agent.js(DETECTOR);
            agent.js("__xss(0); alert(0);"); // the detector itself works...
            assertThat((List<String>) agent.js("return window.__xssHits")).containsExactly("__xss(0)", "alert(0)");
            agent.js(DETECTOR); // ...and starts again from zero
            customer.ws().send(stream.snapshotFrame());
            customer.ws().send(stream.mutationFrame());
            agent.await(Duration.ofSeconds(20), d -> mirrorText(agent).contains(ForgedCustomerStream.DONE_TEXT));
            agent.js(PROVOKE);
            Thread.sleep(2000); // refreshes, loads and handlers that would run late

            Map<String, Object> seen = (Map<String, Object>) agent.js(INSPECT);
            assertThat((List<String>) seen.get("hits")).as("payloads that ran in the agent page").isEmpty();
            assertThat(beacons.hits()).as("requests that reached the beacon server").isEmpty();
            assertThat((List<String>) seen.get("names")).as("window.name of the mirror and its frames")
                    .allMatch(String::isEmpty);
            assertThat(seen.get("topName")).isEqualTo("");
            assertThat((List<String>) seen.get("found")).as("dangerous constructs left in the mirror").isEmpty();
            assertThat(seen.get("text").toString()).contains(ForgedCustomerStream.HARMLESS_TEXT, "hover", "marquee");
            assertThat(seen.get("image")).isEqualTo(ForgedCustomerStream.HARMLESS_IMAGE);
            assertThat(seen.get("color")).isEqualTo("rgb(1, 2, 3)");
            assertThat(customer.ws().unread()).noneMatch(f -> f.path("type").asText().equals("error"));

            // The console's own policy refuses injected inline code (the last line of defence).
            agent.js("document.body.insertAdjacentHTML('beforeend', '<img src=\"x\" onerror=\"__xss(-1)\">')");
            Thread.sleep(500);
            assertThat((List<String>) agent.js("return window.__xssHits")).isEmpty();
        }
    }

    private static String mirrorText(Browser agent) {
        Object text = agent.js("var f = document.querySelector('#replay-container iframe');"
                + "return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.textContent : ''");
        return text == null ? "" : text.toString();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = XssCorpusBrowserTest.class.getResourceAsStream("/security/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
