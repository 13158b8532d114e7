package dev.postline.core.branding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a signature, template, auto-reply or standard response may contain, such as
 * {@code {{customer.name}}} (whitespace inside the braces allowed), optionally with a fallback for
 * an empty value: {@code {{customer.name | default: "there"}}} (see {@link Placeholder}). Templates
 * are checked with {@link #problemsIn} when they are saved, so rendering never meets an unknown name
 * or filter; a known variable without a value (no agent for an auto-reply) renders as its default,
 * else as empty. Rendering is one pass: a value that itself looks like a placeholder is never
 * expanded. Framework-free and thread-safe.
 */
public final class TemplateVariables {

    /** How values are written: HTML-escaped for HTML bodies, verbatim for text bodies. */
    public enum Mode { HTML, TEXT }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private static final Map<String, Function<MessageVariables, Object>> VALUES = Map.of(
            "customer.name", MessageVariables::customerName,
            "customer.email", MessageVariables::customerAddress,
            "agent.name", MessageVariables::agentName,
            "agent.email", MessageVariables::agentEmail,
            "conversation.id", MessageVariables::conversationId,
            "ticket.number", MessageVariables::ticketNumber,
            "conversation.subject", MessageVariables::subject,
            "touchpoint.name", MessageVariables::touchpointName,
            "touchpoint.address", MessageVariables::touchpointAddress);

    /** Every name a template may use, in a stable order (for help texts and error messages). */
    public static final List<String> NAMES = VALUES.keySet().stream().sorted().toList();

    private TemplateVariables() {}

    /** The placeholder names in {@code text} that are not variables, each once, in order of appearance. */
    public static List<String> unknownIn(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = Placeholder.parse(m.group(1)).name();
            if (!VALUES.containsKey(name)) {
                unknown.add(name);
            }
        }
        return new ArrayList<>(unknown);
    }

    /** Every reason {@code text} cannot be saved (unknown variables, misspelt or malformed filters), each once, in order. */
    public static List<String> problemsIn(String text) {
        Set<String> problems = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Placeholder p = Placeholder.parse(m.group(1));
            if (!VALUES.containsKey(p.name())) {
                problems.add("unknown variable {{" + p.name() + "}}; known variables are " + String.join(", ", NAMES));
            } else if (p.problem() != null) {
                problems.add(p.problem());
            }
        }
        return new ArrayList<>(problems);
    }

    /** The stored spelling of a placeholder's inside, or null when it is unknown or malformed (then it is dropped). */
    static String canonical(String inner) {
        Placeholder p = Placeholder.parse(inner);
        return VALUES.containsKey(p.name()) && p.problem() == null ? p.canonical() : null;
    }

    /** {@code text} with every placeholder replaced by its value (unknown names render as empty too). */
    public static String render(String text, MessageVariables variables, Mode mode) {
        Objects.requireNonNull(variables, "variables");
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            Placeholder p = Placeholder.parse(m.group(1));
            Function<MessageVariables, Object> value = p.problem() == null ? VALUES.get(p.name()) : null;
            Object raw = value == null ? null : value.apply(variables);
            String plain = raw == null ? "" : raw.toString();
            if (plain.isBlank() && value != null && p.fallback() != null) {
                plain = p.fallback();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(mode == Mode.HTML ? escapeHtml(plain) : plain));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes for HTML text and quoted attribute values alike. */
    public static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
