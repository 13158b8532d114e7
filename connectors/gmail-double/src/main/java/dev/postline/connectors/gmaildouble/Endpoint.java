package dev.postline.connectors.gmaildouble;

/** The Gmail API methods the double serves, with their per-user quota cost (Gmail usage limits page). */
public enum Endpoint {
    PROFILE(1),
    HISTORY_LIST(2),
    MESSAGES_LIST(5),
    MESSAGES_GET(5),
    MESSAGES_SEND(100),
    /** {@code /upload/…/messages/send}: media, multipart, or a resumable upload's POST and PUTs (charged once, on the POST). */
    UPLOAD_SEND(100),
    /** {@code users.watch}: push notifications of the mailbox to a Cloud Pub/Sub topic. */
    WATCH(100),
    /** {@code users.stop}. */
    STOP(50);

    private final int units;

    Endpoint(int units) {
        this.units = units;
    }

    public int units() {
        return units;
    }
}
