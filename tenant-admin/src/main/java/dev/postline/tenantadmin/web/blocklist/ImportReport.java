package dev.postline.tenantadmin.web.blocklist;

import dev.postline.core.ingest.BlocklistService;
import dev.postline.core.web.InputCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a CSV upload would do to a blocklist, row by row, before anything is saved: new entries,
 * duplicates (already on the list, or earlier in the file) and invalid rows with the reason.
 */
record ImportReport(List<Row> fresh, List<Row> duplicates, List<Row> invalid) {

    /** One data row: its line number in the file, the mapped values, and (when not new) why. */
    record Row(int line, String address, String note, String pattern, String reason) {}

    /** How the file's columns map to entry fields; column indexes are 0-based, -1 for "none". */
    record Mapping(int addressColumn, int noteColumn, boolean headerRow) {}

    static ImportReport of(CsvTable table, Mapping mapping, Set<String> existingPatterns) {
        List<Row> fresh = new ArrayList<>();
        List<Row> duplicates = new ArrayList<>();
        List<Row> invalid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<List<String>> rows = table.rows();
        for (int i = mapping.headerRow() ? 1 : 0; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            String address = cell(cells, mapping.addressColumn());
            String note = cell(cells, mapping.noteColumn());
            InputCheck in = InputCheck.start();
            String pattern = BlocklistService.normalize(in, address);
            in.optionalText("note", note, 500);
            int line = i + 1;
            if (!in.ok()) {
                invalid.add(new Row(line, address, note, "", in.errors().getFirst().field() + " " + in.errors().getFirst().message()));
            } else if (existingPatterns.contains(pattern)) {
                duplicates.add(new Row(line, address, note, pattern, "already on the blocklist"));
            } else if (!seen.add(pattern)) {
                duplicates.add(new Row(line, address, note, pattern, "repeated in this file"));
            } else {
                fresh.add(new Row(line, address, note, pattern, ""));
            }
        }
        return new ImportReport(fresh, duplicates, invalid);
    }

    private static String cell(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }
}
