package org.opencobrowse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.realtime.CloseCode;

/** The README and protocol document keep up with the code: every option, error code and close code is documented. */
class DocumentationTest {

    @Test
    void readmeDocumentsEveryOptionWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ConfigOption option : ConfigOption.values()) {
            String defaultText = option.defaultValue() == null ? "(unset)"
                    : option.defaultValue().isEmpty() ? "(empty)" : option.defaultValue();
            assertThat(readme).as(option.key()).contains("| `" + option.key() + "` | `" + defaultText + "` | `"
                    + option.environmentName() + "` |");
        }
    }

    @Test
    void protocolDocumentListsEveryErrorAndCloseCode() throws Exception {
        String protocol = Files.readString(Path.of("docs/protocol.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(protocol).as(code.code()).contains("`" + code.code() + "`");
        }
        for (CloseCode code : CloseCode.values()) {
            assertThat(protocol).as(code.reason()).contains("| " + code.code() + " | " + code.reason() + " |");
        }
    }
}
