package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders known XSS payloads and checks the output as a browser would see it: re-parsed, with
 * entities decoded and whitespace removed from addresses.
 */
class XssCorpusTest {
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  static Stream<String> payloads() {
    return Stream.of(
        // scripts
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "Text <script>alert(1)</script> inline",
        "<template><script>alert(1)</script></template>",
        "<textarea><script>alert(1)</script></textarea>",
        // event handlers
        "<img src=x onerror=alert(1)>",
        "<img src=\"/a.jpg\" OnErRoR=\"alert(1)\">",
        "<body onload=alert(1)>",
        "<a href=\"/x\" onclick=\"alert(1)\">click</a>",
        "<p onmouseover=\"alert(1)\">hover</p>",
        "<details open ontoggle=alert(1)>x</details>",
        "<video><source onerror=alert(1)></video>",
        "<input type=\"image\" src=x onerror=alert(1) formaction=\"javascript:alert(1)\">",
        // javascript: in Markdown links, images, autolinks and references
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](java&#10;script:alert(1))",
        "![image](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "[ref][r]\n\n[r]: JAVASCRIPT:alert(1) \"title\"",
        // javascript: in raw HTML, encoded and obfuscated
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java&#x0A;script:alert(1)\">x</a>",
        "<a href=\"\u0001javascript:alert(1)\">x</a>",
        "<a href=\" &#14; javascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        // other dangerous schemes
        "[click](vbscript:msgbox(1))",
        "<a href=\"VBScript:msgbox(1)\">x</a>",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![pixel](data:image/png;base64,iVBORw0KGgo=)",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        // embedding and active elements
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x"
            + " onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button"
            + " formaction=\"javascript:alert(1)\">go</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        // styles
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p style=\"width: expression(alert(1))\">css</p>",
        "<div style=\"background-image: url(javascript:alert(1))\">css</div>");
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void payloadLeavesNothingExecutable(String payload) {
    String html = RENDERER.render("Before\n\n" + payload + "\n\nAfter\n").html();

    SafeHtml.assertSafe(html);
    assertThat(html).as("text around the payload survives").contains("Before", "After");
  }

  @Test
  void javascriptLinksNeverSurvive() {
    String html =
        RENDERER.render("[a](javascript:alert(1)) <a href=\"javascript:x()\">b</a>").html();

    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("javascript");
    assertThat(Jsoup.parseBodyFragment(html).select("a[href]")).isEmpty();
  }

  @Test
  void scriptContentIsDroppedNotShownAsText() {
    String html = RENDERER.render("<script>alert('boom')</script>\n\nText\n").html();

    assertThat(html).doesNotContain("boom").contains("Text");
  }

  /** Proves the checks above can fail: each of these must be caught. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "<p onclick=\"x()\">a</p>",
        "<p style=\"color:red\">a</p>",
        "<a href=\"java&#x09;script:alert(1)\">a</a>",
        "<img src=\" DATA:image/png;base64,x\">",
        "<iframe srcdoc=\"x\"></iframe>",
        "<a formaction=\"x\">a</a>"
      })
  void checkerRejectsUnsafeHtml(String unsafe) {
    assertThatThrownBy(() -> SafeHtml.assertSafe(unsafe)).isInstanceOf(AssertionError.class);
  }
}
