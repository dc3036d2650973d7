package org.opencobrowse.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a proxied stylesheet's references become: every loadable URL points at the proxy, nothing else changes. */
class CssRewriterTest {
    private static final URI SHEET = URI.create("https://cdn.example.com/css/site.css");

    private static String rewrite(String css) {
        return CssRewriter.rewrite(css, SHEET, url -> "P[" + url + "]");
    }

    @Test
    void urlsAndImportsResolveAgainstTheSheetAndGoThroughTheProxy() {
        assertThat(rewrite("a{background:url(../img/a.png)} @import 'print.css';"))
                .isEqualTo("a{background:url(\"P[https://cdn.example.com/img/a.png]\")} "
                        + "@import url(\"P[https://cdn.example.com/css/print.css]\");");
        assertThat(rewrite("b{mask:url(#clip);background:url(data:image/png;base64,AA==)}"))
                .isEqualTo("b{mask:url(\"#clip\");background:url(\"data:image/png;base64,AA==\")}");
        assertThat(rewrite("c{background:url(javascript:void)}")).isEqualTo("c{background:url(\"about:invalid\")}");
    }

    @Test
    void bareStringsOfAnImageSetAreUrlsToo() {
        assertThat(rewrite("h{background-image:image-set(\"a.png\" 1x, 'b@2x.png' 2x)}"))
                .isEqualTo("h{background-image:image-set(url(\"P[https://cdn.example.com/css/a.png]\") 1x, "
                        + "url(\"P[https://cdn.example.com/css/b@2x.png]\") 2x)}");
        assertThat(rewrite("i{background:-WEBKIT-image-set(url(x.png) 1x, \"y.avif\" type(\"image/avif\") 2x)}"))
                .isEqualTo("i{background:-WEBKIT-image-set(url(\"P[https://cdn.example.com/css/x.png]\") 1x, "
                        + "url(\"P[https://cdn.example.com/css/y.avif]\") type(\"image/avif\") 2x)}");
    }

    @Test
    void stringsOutsideImageSetsStayStrings() {
        String css = "j{font-family:\"Open Sans\", 'Helvetica';content:\"a, b\";quotes:'\"' '\"'}";
        assertThat(rewrite(css)).isEqualTo(css);
        assertThat(rewrite("k{background:image-set('a.png' 1x)} l{font-family:\"x\", \"y\"}"))
                .isEqualTo("k{background:image-set(url(\"P[https://cdn.example.com/css/a.png]\") 1x)} "
                        + "l{font-family:\"x\", \"y\"}");
        String comment = "/* Don't use image-set( here */ a{font-family:x, \"Open Sans\"}";
        assertThat(rewrite(comment)).isEqualTo(comment);
        assertThat(rewrite("n{content:\"image-set(\"} o{background:url('x.png')}"))
                .isEqualTo("n{content:\"image-set(\"} o{background:url(\"P[https://cdn.example.com/css/x.png]\")}");
        assertThat(rewrite("p{background:image-set(\"x.png\n} q{font-family:\"y\", \"z\"}"))
                .as("an unterminated string ends at the line break, the image-set at the brace")
                .endsWith("} q{font-family:\"y\", \"z\"}");
        assertThat(rewrite("p{background:image-set(\"x.png\r} q{font-family:\"y\", \"z\"}"))
                .as("so does a carriage return").endsWith("} q{font-family:\"y\", \"z\"}");
        String decoy = "r{background:image-\u017Fet(\"a.png\")} s{background:IMAGE-SET(\"b.png\" 1x)}";
        assertThat(rewrite(decoy)).as("ASCII case only, as in the script")
                .isEqualTo("r{background:image-\u017Fet(\"a.png\")} "
                        + "s{background:IMAGE-SET(url(\"P[https://cdn.example.com/css/b.png]\") 1x)}");
    }

    @Test
    void hostileSheetsCostLinearTime() {
        for (String css : new String[] {"url(".repeat(200_000), "url(\"".repeat(200_000), "@import '".repeat(200_000),
                "image-set(\"".repeat(200_000), "image-set(".repeat(200_000), "url(" + " ".repeat(400_000),
                "url(" + "\n".repeat(400_000), "url(" + "a".repeat(400_000)}) {
            String unit = css.substring(0, Math.min(8, css.length()));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rewrite(css), unit);
        }
    }
}
