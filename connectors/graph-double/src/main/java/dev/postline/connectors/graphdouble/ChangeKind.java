package dev.postline.connectors.graphdouble;

/** What happened to a message in a folder, as a delta round reports it. */
enum ChangeKind {
    CREATED("created"),
    UPDATED("updated"),
    /** Reported as an {@code @removed} entry ({@code reason: deleted}): moved out or deleted. */
    REMOVED("deleted");

    private final String changeType;

    ChangeKind(String changeType) {
        this.changeType = changeType;
    }

    /** The value of the {@code changeType} query option that selects this kind. */
    String changeType() {
        return changeType;
    }
}
