package dev.postline.connectors.api;

import java.util.List;
import java.util.Optional;

/**
 * Result of {@link ConnectorSession#verify()}: the outcome of each check, in the order run.
 *
 * @param ok      true when every check passed
 * @param checks  each check that was run
 * @param message one sentence summing up the outcome, safe to show an admin
 */
public record VerifyResult(boolean ok, List<Check> checks, String message) {

    public VerifyResult {
        checks = List.copyOf(checks);
    }

    /** Builds a result whose {@code ok} and message follow from the checks: the first failure's detail, or "All checks passed." */
    public static VerifyResult of(List<Check> checks) {
        Optional<Check> failed = firstFailure(checks);
        return new VerifyResult(failed.isEmpty(), checks, failed.map(Check::detail).orElse("All checks passed."));
    }

    /** The check that decided the outcome, if one failed. */
    public Optional<Check> firstFailure() {
        return firstFailure(checks);
    }

    private static Optional<Check> firstFailure(List<Check> checks) {
        return checks.stream().filter(c -> !c.ok()).findFirst();
    }

    /**
     * One check, e.g. {@code imap-login} or {@code folder}.
     *
     * @param failure the classification when the check failed
     * @param cause   what an admin would have to fix when the check failed
     * @param detail  safe, human-readable detail (no secret, no internal address)
     */
    public record Check(String name, boolean ok, Optional<FailureKind> failure, Optional<FailureCause> cause, String detail) {

        public static Check passed(String name, String detail) {
            return new Check(name, true, Optional.empty(), Optional.empty(), detail);
        }

        public static Check failed(String name, ConnectorException e) {
            return new Check(name, false, Optional.of(e.kind()), Optional.of(e.failureCause()), e.reason());
        }
    }
}
