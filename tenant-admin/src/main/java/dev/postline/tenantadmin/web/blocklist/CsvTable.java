package dev.postline.tenantadmin.web.blocklist;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV text as rows of cells (RFC 4180: commas or semicolons, quoted cells with doubled quotes,
 * CRLF or LF). Bounded: at most {@link #MAX_ROWS} rows are read, empty lines are skipped.
 */
record CsvTable(List<List<String>> rows, boolean truncated) {

    static final int MAX_ROWS = 10_000;

    static CsvTable parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char separator = guessSeparator(body);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, cell);
                row = new ArrayList<>();
                if (rows.size() >= MAX_ROWS) {
                    return new CsvTable(rows, i + 1 < body.length());
                }
            } else {
                cell.append(c);
            }
        }
        endRow(rows, row, cell);
        return new CsvTable(rows, false);
    }

    int columnCount() {
        return rows.stream().mapToInt(List::size).max().orElse(0);
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder cell) {
        row.add(cell.toString().strip());
        cell.setLength(0);
        if (!(row.size() == 1 && row.getFirst().isEmpty())) {
            rows.add(row);
        }
    }

    private static char guessSeparator(String body) {
        int end = body.indexOf('\n');
        String first = end < 0 ? body : body.substring(0, end);
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
