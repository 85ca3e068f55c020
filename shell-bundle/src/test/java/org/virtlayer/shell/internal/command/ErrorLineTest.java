package org.virtlayer.shell.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/** What the Karaf console prints for a failed virt: command is exactly one line starting with "Error:". */
class ErrorLineTest {
    @Test
    void aFailureIsOneErrorLine() {
        CommandException e = ErrorLine.of(new CommandFailure("failed to get domain 'nope'",
                VirtException.noDomain("no domain with matching name 'nope'")));
        assertThat(e.getNiceHelp())
                .isEqualTo("Error: failed to get domain 'nope': Domain not found: no domain with matching name 'nope'")
                .isEqualTo(e.getMessage());
        assertThat(e.getCause()).isInstanceOf(CommandFailure.class);
    }

    @Test
    void multiLineMessagesAreJoined() {
        CommandException e = ErrorLine.of(new VirtException(ErrorCode.XML_ERROR, "XML error:\n  line 3\n  bad"));
        assertThat(e.getNiceHelp()).isEqualTo("Error: XML error: line 3 bad").doesNotContain("\n");
    }

    @Test
    void aBugIsStillOneLine() {
        assertThat(ErrorLine.of(new IllegalStateException("oops")).getNiceHelp())
                .isEqualTo("Error: internal error: java.lang.IllegalStateException: oops");
    }
}
