package org.opencobrowse.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencobrowse.testing.WsClient;

/**
 * Dangerous positions that only a forged rrweb stream can reach (an HTML parser would never produce them): tag names
 * in odd case, SVG scripts, control characters inside URL schemes, escaped CSS, rrweb's own special attributes, and
 * mutations that turn harmless snapshot nodes into dangerous ones afterwards.
 */
final class ForgedPositions {
    private ForgedPositions() {
    }

    static void addTo(ForgedCustomerStream s) {
        int n = s.position();
        s.inSnapshot(withText(s.element("SCRIPT"), s, s.code(n)));
        ObjectNode svgScript = s.element("script", "href", "data:," + s.code(s.position()));
        svgScript.put("isSVG", true);
        s.inSnapshot(svgScript);
        s.inSnapshot(s.element("Script", "src", s.beacon(s.position()) + ".js"));
        s.inSnapshot(s.element("IMG", "src", "x", "OnError", s.code(s.position())));
        s.inSnapshot(s.element("a", "href", "\u0001java\tscri\npt:" + s.code(s.position())));
        s.inSnapshot(s.element("iframe", "src", "javascript:" + s.code(s.position())));
        s.inSnapshot(s.element("IFRAME", "src", s.beacon(s.position())));
        s.inSnapshot(s.element("iframe", "srcdoc", "<script>parent.__xss(" + s.position() + ")</script>"));
        s.inSnapshot(s.element("iframe", "rr_src", s.beacon(s.position())));
        s.inHead(s.element("meta", "http-equiv", "refresh", "content", "0;url=" + s.beacon(s.position())));
        s.inHead(s.element("base", "href", s.beacon(s.position()) + "/"));
        s.inHead(s.element("style", "_cssText", "@import url(" + s.beacon(s.position()) + ".css); p{background:url("
                + "javascript:" + s.code(s.position()) + ")}"));
        ObjectNode escapedImport = s.text("@\\69mport '" + s.beacon(s.position()) + ".css'; b{color:red}");
        escapedImport.put("isStyle", true);
        s.inHead(withChild(s.element("style"), escapedImport));
        s.inHead(s.element("link", "rel", "import", "href", s.beacon(s.position())));
        s.inHead(s.element("LINK", "rel", "PreFetch", "href", s.beacon(s.position())));
        s.inSnapshot(s.element("object", "data", s.beacon(s.position())));
        s.inSnapshot(s.element("embed", "src", s.beacon(s.position())));
        s.inSnapshot(s.element("canvas", "rr_dataURL", "javascript:" + s.code(s.position())));
        s.inSnapshot(s.element("img", "rr_dataURL", "data:text/html,<script>" + s.code(s.position()) + "</script>"));
        s.inSnapshot(s.element("div", "style", "width:ex\\70 ression(" + s.code(s.position()) + ")"));
        ObjectNode animate = s.element("animate", "attributeName", "href", "values",
                "#;javascript:" + s.code(s.position()));
        animate.put("isSVG", true);
        s.inSnapshot(animate);
        s.inSnapshot(s.element("input", "type", "image", "src", "javascript:" + s.code(s.position())));
        s.inSnapshot(s.element("form", "action", "javascript:" + s.code(s.position())));
        s.inSnapshot(s.element("img src=x onerror=" + s.code(s.position())));
        s.asAdd(s.element("ScRiPt", "src", s.beacon(s.position()) + ".js"));
        s.asAdd(s.element("img", "src", "x", "onerror", s.code(s.position())));
        mutationsOfHarmlessNodes(s);
    }

    /** Harmless nodes in the snapshot, made dangerous by attribute, text and style mutations afterwards. */
    private static void mutationsOfHarmlessNodes(ForgedCustomerStream s) {
        ObjectNode img = s.element("img", "src", "x");
        ObjectNode link = s.element("link", "rel", "stylesheet", "href", "/cobrowse/css/agent.css");
        ObjectNode meta = s.element("meta", "name", "x");
        ObjectNode frame = s.element("iframe");
        ObjectNode anchor = s.element("a");
        anchor.withArray("childNodes").add(s.text("anchor"));
        ObjectNode script = s.element("script");
        ObjectNode scriptText = s.text("");
        script.withArray("childNodes").add(scriptText);
        ObjectNode style = s.element("style");
        ObjectNode styleText = s.text("p{}");
        style.withArray("childNodes").add(styleText);
        ObjectNode styled = s.element("div");
        for (ObjectNode node : new ObjectNode[] {img, link, meta, frame, anchor, script, style, styled}) {
            s.inSnapshot(node);
        }
        s.attributeChange(id(img), attrs("onerror", s.code(s.position()), "src", "y"));
        s.attributeChange(id(link), attrs("rel", "prefetch", "href", s.beacon(s.position())));
        s.attributeChange(id(meta), attrs("http-equiv", "refresh", "content", "0;url=" + s.beacon(s.position())));
        s.attributeChange(id(frame), attrs("srcdoc", "<script>parent.__xss(" + s.position() + ")</script>",
                "src", "javascript:" + s.code(s.position())));
        s.attributeChange(id(anchor), attrs("href", "javascript:" + s.code(s.position()), "onclick",
                s.code(s.position())));
        s.attributeChange(id(script), attrs("src", s.beacon(s.position()) + ".js"));
        ObjectNode styleObject = WsClient.JSON.createObjectNode();
        styleObject.putObject("style").put("background", "url(javascript:" + s.code(s.position()) + ")")
                .putArray("width").add("expression(" + s.code(s.position()) + ")").add("");
        s.attributeChange(id(styled), styleObject);
        s.textChange(id(scriptText), s.code(s.position()));
        s.textChange(id(styleText), "@import url(" + s.beacon(s.position()) + ".css);");
        ObjectNode rule = WsClient.JSON.createObjectNode().put("id", id(style));
        rule.putArray("adds").addObject().put("rule", "@import url(" + s.beacon(s.position()) + ".css);").put("index", 0);
        s.incremental(8, rule);
        ObjectNode declaration = WsClient.JSON.createObjectNode().put("id", id(style));
        declaration.putArray("index").add(0);
        declaration.putObject("set").put("property", "behavior").put("value", "url(" + s.beacon(s.position()) + ")")
                .put("priority", "");
        s.incremental(13, declaration);
        s.incremental(16, (ObjectNode) WsClient.JSON.createObjectNode().set("define",
                WsClient.JSON.createObjectNode().put("name", "x<img src=x onerror=" + s.code(s.position()) + ">")));
    }

    private static ObjectNode withText(ObjectNode element, ForgedCustomerStream s, String text) {
        return withChild(element, s.text(text));
    }

    private static ObjectNode withChild(ObjectNode element, ObjectNode child) {
        element.withArray("childNodes").add(child);
        return element;
    }

    private static int id(ObjectNode node) {
        return node.path("id").asInt();
    }

    private static ObjectNode attrs(String... pairs) {
        ObjectNode attributes = WsClient.JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }
}
