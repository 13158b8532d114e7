package dev.postline.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** #13 item 21: {@code ./postline demo send-mail} with a bad or missing argument says so in one line. */
class DemoMailSenderTest {

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(new String[] {"--subject"}, "--subject needs a value"),
                Arguments.of(new String[] {"--from"}, "--from needs a value"),
                Arguments.of(new String[] {"--colour", "red"}, "unknown option '--colour'"),
                Arguments.of(new String[] {"hello"}, "unknown option 'hello'"),
                Arguments.of(new String[] {"--port", "twenty"}, "--port must be a port number"),
                Arguments.of(new String[] {"--port", "70000"}, "--port must be a port number"),
                Arguments.of(new String[] {"--from", "not an address"}, "--from must be an email address"),
                Arguments.of(new String[] {"--subject", "two\nlines"}, "must be single lines"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aBadArgumentIsOneLineAndNoStackTrace(String[] args, String message) {
        Run run = run(args);
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err.lines().findFirst().orElse("")).startsWith("postline demo send-mail: ").contains(message);
        assertThat(run.err).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out).isEmpty();
    }

    @Test
    void noSandboxListeningIsOneLineNamingTheCause() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run run = run(new String[] {"--port", String.valueOf(closed)});
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.strip()).doesNotContain("\n").contains("nothing listens on 127.0.0.1:" + closed).contains("./postline run");
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DemoMailSender.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
