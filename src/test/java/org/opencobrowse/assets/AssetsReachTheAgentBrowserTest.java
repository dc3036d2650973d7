package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencobrowse.fidelity.CorpusSite;
import org.opencobrowse.fidelity.CorpusStage;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.TestNode;

/**
 * In real browsers: a page whose fonts and images the agent's browser could never load itself (a same-origin font
 * without CORS headers, a CDN image without CORS headers, an image behind the visitor's login, a font in another
 * origin's stylesheet that scripts cannot read) is mirrored with all of them, every one loaded from the co-browse
 * server, and the login-protected image never requested by anyone but the visitor.
 */
class AssetsReachTheAgentBrowserTest {
    static CorpusStage stage;
    static CorpusSite site;
    static TestNode node;
    static Browser customer;
    static Browser agent;

    @BeforeAll
    static void start() {
        stage = CorpusStage.start(1280, 900);
        site = stage.site();
        node = stage.node();
        customer = stage.customer();
        agent = stage.agent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void fontsAndImagesTheAgentCannotLoadReachItThroughTheServer() {
        customer.driver().get(site.login());
        customer.driver().get(site.page("fonts-images.html"));
        customer.await(Duration.ofSeconds(20), d -> customer.js(
                "return document.body.getAttribute('data-ready') === 'true' && !!window.cobrowseApi"));
        assertThat(customer.js("return document.getElementById('img-private').naturalWidth"))
                .as("the visitor, logged in, sees the private badge").isEqualTo(160L);
        customer.js("window.cobrowseApi.startSession()");
        String code = (String) customer.await(d -> customer.js("return window.sessionToken || null"));

        agent.driver().get(node.node().baseUri() + "/agent.html?token=" + code + "&name=Alice");
        String mirror = "var f = document.querySelector('#replay-container iframe'), doc = f && f.contentDocument;"
                + " if (!doc || !doc.body) return null;";
        List<?> images = agent.await(Duration.ofSeconds(20), d -> (List<?>) agent.js(mirror
                + " var imgs = Array.prototype.slice.call(doc.images);"
                + " return imgs.length === 3 && imgs.every(function (i) { return i.complete && i.naturalWidth > 0; })"
                + "   ? imgs.map(function (i) { return i.id + ' ' + i.naturalWidth + ' ' + i.getAttribute('src'); })"
                + "   : null;"));
        List<?> fonts = agent.await(Duration.ofSeconds(20), d -> (List<?>) agent.js(mirror
                + " var loaded = []; doc.fonts.forEach(function (f) { if (f.status === 'loaded') loaded.push(f.family); });"
                + " return loaded.length >= 3 ? loaded.map(function (n) { return n.replace(/\"/g, ''); }).sort() : null;"));
        String imageSet = (String) agent.js(mirror
                + " return doc.defaultView.getComputedStyle(doc.getElementById('bg-image-set')).backgroundImage;");
        List<?> elsewhere = (List<?>) agent.js(mirror
                + " return doc.defaultView.performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + "   .concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }))"
                + "   .filter(function (n) { return n.indexOf(location.origin + '/') !== 0 && n.indexOf('data:') !== 0; });");

        String proxy = node.node().baseUri() + "/proxy?s=" + code + "&k=";
        assertThat(images).hasSize(3).allSatisfy(i -> assertThat(i.toString()).contains(" 160 " + proxy));
        assertThat(fonts.stream().map(String::valueOf).toList()).containsExactly("Brand Cdn", "Brand Site", "Brand Theme");
        assertThat(imageSet).as("a bare string in image-set() is a URL too").contains("url(\"" + proxy)
                .doesNotContain("/cdn/photo.png\"");
        assertThat(elsewhere).as("the agent's browser loaded nothing from the site or the CDN").isEmpty();
        assertThat(site.privateRequestsWithoutLogin).as("the private badge reached the agent by upload only").isEmpty();
    }
}
