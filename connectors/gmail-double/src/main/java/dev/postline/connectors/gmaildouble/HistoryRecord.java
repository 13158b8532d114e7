package dev.postline.connectors.gmaildouble;

/** A {@code messageAdded} history record: the only history type the double produces. */
record HistoryRecord(long id, StoredMessage message) {
}
