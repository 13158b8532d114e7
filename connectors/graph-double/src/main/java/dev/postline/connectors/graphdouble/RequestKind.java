package dev.postline.connectors.graphdouble;

/** The Graph operations the double serves; faults and log queries name them. */
public enum RequestKind {
    /** {@code GET /me} */
    ME,
    /** {@code GET /me/mailFolders/{folder}/messages/delta}, incl. nextLink and deltaLink calls */
    DELTA,
    /** {@code GET /me/messages/{id}/$value} */
    MIME_CONTENT,
    /** {@code GET /me/messages/{id}} */
    GET_MESSAGE,
    /** {@code POST /me/messages} (MIME) */
    CREATE_MESSAGE,
    /** {@code PATCH /me/messages/{id}} */
    UPDATE_MESSAGE,
    /** {@code POST /me/messages/{id}/send} */
    SEND_DRAFT,
    /** {@code POST /me/sendMail} (MIME) */
    SEND_MAIL,
    /** {@code GET /me/mailFolders/{folder}/messages?$filter=internetMessageId eq '…'} */
    LIST_MESSAGES,
    /** {@code POST /subscriptions} (answered only after the validation handshake) */
    CREATE_SUBSCRIPTION,
    /** {@code PATCH /subscriptions/{id}} (renewal, which also reauthorizes) */
    UPDATE_SUBSCRIPTION,
    /** {@code DELETE /subscriptions/{id}} */
    DELETE_SUBSCRIPTION,
    /** anything the double does not serve */
    OTHER
}
