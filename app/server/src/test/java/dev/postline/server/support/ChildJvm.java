package dev.postline.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this build in a separate JVM, with its own environment variables and
 * arguments — how a person starts Postline — and collects what it printed. The child gets the test
 * JVM's class path and the production logging configuration ({@code logback.xml}, not the tests').
 */
public final class ChildJvm {

    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    private ChildJvm() {}

    /** Runs to the end (or kills it after {@code timeout}, failing). */
    public static Result run(Class<?> main, Map<String, String> env, List<String> args, Duration timeout) {
        Process process = start(main, env, args);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(main.getSimpleName() + " did not finish within " + timeout + "; it printed:\n" + output(process));
            }
            return new Result(process.exitValue(), read(process, "out"), read(process, "err"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    public static Process start(Class<?> main, Map<String, String> env, List<String> args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--sun-misc-unsafe-memory-access=allow",
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        try {
            Path dir = Files.createTempDirectory("postline-child");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("out").toFile())
                    .redirectError(dir.resolve("err").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("POSTLINE_") || name.startsWith("MICRONAUT_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            OUTPUT_DIRS.put(process.pid(), dir);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String output(Process process) {
        return read(process, "out") + read(process, "err");
    }

    private static final Map<Long, Path> OUTPUT_DIRS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String read(Process process, String name) {
        try {
            return Files.readString(OUTPUT_DIRS.get(process.pid()).resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
