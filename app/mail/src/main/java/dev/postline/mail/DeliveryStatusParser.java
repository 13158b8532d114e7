package dev.postline.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parts of a delivery status notification (RFC 3464): the field blocks of a
 * {@code message/delivery-status} part, and the Message-ID from the header of an embedded
 * {@code message/rfc822} or {@code text/rfc822-headers} part. Both are plain header syntax, so a
 * small line reader is enough and no nested MIME parse is needed.
 */
final class DeliveryStatusParser {

    /** A report about more recipients than this is truncated; the raw part stays an attachment. */
    static final int MAX_RECIPIENTS = 1_000;

    private DeliveryStatusParser() {}

    static List<DeliveryReport.RecipientStatus> recipients(byte[] deliveryStatus) {
        List<Map<String, String>> blocks = blocks(deliveryStatus, Integer.MAX_VALUE);
        List<DeliveryReport.RecipientStatus> result = new ArrayList<>();
        // The first block describes the reporting MTA; every further block is one recipient.
        for (Map<String, String> block : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            String recipient = withoutType(block.getOrDefault("final-recipient", block.getOrDefault("original-recipient", "")));
            if (recipient.isEmpty() || result.size() >= MAX_RECIPIENTS) {
                continue;
            }
            String diagnostic = withoutType(block.getOrDefault("diagnostic-code", ""));
            result.add(new DeliveryReport.RecipientStatus(recipient,
                    block.getOrDefault("action", "").toLowerCase(Locale.ROOT),
                    block.getOrDefault("status", "").split("\\s", 2)[0],
                    diagnostic.isEmpty() ? Optional.empty() : Optional.of(diagnostic)));
        }
        return result;
    }

    /** The Message-ID in the header block at the start of {@code message}, if any. */
    static Optional<String> messageId(byte[] message) {
        // Only the header block matters; do not decode a large embedded body into a String.
        List<Map<String, String>> header = blocks(java.util.Arrays.copyOf(message, headerEnd(message)), 1);
        return header.isEmpty() ? Optional.empty()
                : Optional.ofNullable(header.get(0).get("message-id")).flatMap(MessageIds::first);
    }

    private static int headerEnd(byte[] message) {
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && (message[i + 1] == '\n' || message[i + 1] == '\r' && i + 2 < message.length && message[i + 2] == '\n')) {
                return i + 1;
            }
        }
        return message.length;
    }

    /** Parses up to {@code maxBlocks} blank-line separated blocks of unfolded fields; first value of a name wins. */
    private static List<Map<String, String>> blocks(byte[] bytes, int maxBlocks) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String lastName = null;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    if (blocks.size() >= maxBlocks) {
                        return blocks;
                    }
                    block = new LinkedHashMap<>();
                }
                lastName = null;
            } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                if (block.get(lastName) != null) {
                    block.merge(lastName, " " + line.strip(), String::concat);
                }
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    lastName = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    block.putIfAbsent(lastName, line.substring(colon + 1).strip());
                } else {
                    lastName = null;
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** {@code rfc822; a@b} → {@code a@b}, {@code smtp; 550 5.1.1 …} → {@code 550 5.1.1 …}. */
    private static String withoutType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
    }
}
