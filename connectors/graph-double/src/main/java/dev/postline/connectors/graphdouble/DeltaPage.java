package dev.postline.connectors.graphdouble;

import java.util.List;

/**
 * One page of a delta round: entries plus either a skip token (more pages) or a delta token (round over).
 */
record DeltaPage(List<Entry> entries, String skipToken, String deltaToken) {

    record Entry(GraphMessage message, ChangeKind kind) {
    }
}
