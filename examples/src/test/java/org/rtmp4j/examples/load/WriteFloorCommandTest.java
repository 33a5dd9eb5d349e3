package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code write-floor serve}: the mode options and their usage errors (no socket is opened). */
class WriteFloorCommandTest {
    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandLine(new WriteFloorCommand()).setErr(new PrintWriter(err)).execute(all);
    }

    @Test
    void anUnknownModeIsAUsageError() {
        assertThat(serve("--mode", "per-gop")).isEqualTo(2);
        assertThat(err.toString()).contains("expected per-message or per-frame: per-gop");
    }

    @Test
    void framesPerWriteNeedsPerFrame() {
        assertThat(serve("--mode", "per-message", "--frames-per-write", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--frames-per-write needs --mode per-frame");
    }

    @Test
    void aBitRateBelowTheAudiosIsAUsageError() {
        assertThat(serve("--kbps", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-audio");
    }

    @Test
    void theDefaultsAreOneWritePerVideoFrameAt30FpsWithAudio() {
        CommandLine cl = new CommandLine(new WriteFloorCommand());
        CommandLine.ParseResult r = cl.parseArgs("serve");
        WriteFloorCommand.Serve s = (WriteFloorCommand.Serve) r.subcommand().commandSpec().userObject();
        assertThat(s.mode).isEqualTo("per-frame");
        assertThat(s.fps).isEqualTo(30);
        assertThat(s.noAudio).isFalse();
        assertThat(s.framesPerWrite).isEqualTo(1);
    }
}
