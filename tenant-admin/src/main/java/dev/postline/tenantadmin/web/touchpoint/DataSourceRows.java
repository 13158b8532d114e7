package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.touchpoint.DataSource;
import dev.postline.core.touchpoint.DataSourcePair;
import dev.postline.tenantadmin.web.Form;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key/value editor of the touchpoint pages (wizard settings step, edit page) as form fields:
 * row {@code i} is {@code ds.i.key} and {@code ds.i.value}. A row left empty is no pair, so an
 * admin without JavaScript removes a pair by emptying its row and gets more rows with the "More
 * rows" button, which submits the form to be shown again with {@value #EMPTY_ROWS} more empty rows.
 */
public final class DataSourceRows {

    /** Empty rows offered under the pairs, and added by each "More rows". */
    public static final int EMPTY_ROWS = 3;
    /** The value of the "More rows" submit button ({@code go}). */
    public static final String MORE_ROWS = "more-rows";
    private static final Pattern FIELD = Pattern.compile("ds\\.(\\d{1,3})\\.(key|value)");

    private DataSourceRows() {}

    /** One row of the editor; errors are the API's, for {@code dataSource[index].key} / {@code .value}. */
    public record Row(int index, String key, String value, @Nullable String keyError, @Nullable String valueError) {
        public int number() {
            return index + 1;
        }
    }

    /** What a form submitted: its filled rows in order and how many it left empty. */
    public record Submitted(List<DataSourcePair> pairs, int emptyRows) {}

    /** The editor's rows in the form, or null when the form had no editor (then nothing is to change). */
    @Nullable
    public static Submitted of(Form form) {
        Map<Integer, String[]> rows = new TreeMap<>();
        form.fields().keySet().forEach(name -> {
            Matcher m = FIELD.matcher(name);
            if (m.matches()) {
                String[] row = rows.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[] {"", ""});
                row[m.group(2).equals("key") ? 0 : 1] = form.get(name).strip();
            }
        });
        if (rows.isEmpty()) {
            return null;
        }
        List<DataSourcePair> pairs = new ArrayList<>();
        int empty = 0;
        for (String[] row : rows.values()) {
            if (row[0].isBlank() && row[1].isBlank()) {
                empty++;
            } else {
                pairs.add(new DataSourcePair(row[0], row[1]));
            }
        }
        return new Submitted(pairs, empty);
    }

    /**
     * The pairs as rows (row {@code i} = pair {@code i}, so the service's {@code dataSource[i]} errors
     * land on the right row), then up to {@code emptyRows} empty rows while there is room under the limit.
     */
    public static List<Row> rows(List<DataSourcePair> pairs, int emptyRows, Map<String, String> problems) {
        List<Row> rows = new ArrayList<>();
        for (DataSourcePair pair : pairs) {
            int i = rows.size();
            rows.add(new Row(i, text(pair.key()), text(pair.value()), problems.get("dataSource[" + i + "].key"),
                    problems.get("dataSource[" + i + "].value")));
        }
        int room = Math.max(0, DataSource.MAX_PAIRS - pairs.size());
        for (int n = 0; n < Math.min(emptyRows, room); n++) {
            rows.add(new Row(rows.size(), "", "", null, null));
        }
        return rows;
    }

    /** Whether "More rows" is offered: not when the rows already reach the limit. */
    public static boolean roomForMore(List<Row> rows) {
        return rows.size() < DataSource.MAX_PAIRS;
    }

    /** The pairs as the hidden fields of a step that does not show the editor. */
    public static List<Map.Entry<String, String>> hiddenFields(List<DataSourcePair> pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            fields.add(Map.entry("ds." + i + ".key", text(pairs.get(i).key())));
            fields.add(Map.entry("ds." + i + ".value", text(pairs.get(i).value())));
        }
        return fields;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
