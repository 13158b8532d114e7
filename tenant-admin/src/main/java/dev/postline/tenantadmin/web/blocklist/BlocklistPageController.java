package dev.postline.tenantadmin.web.blocklist;

import dev.postline.core.ingest.BlocklistEntry;
import dev.postline.core.ingest.BlocklistService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import dev.postline.tenantadmin.web.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A touchpoint's blocklist: entries added and deleted one by one, or in bulk from a CSV file:
 * upload → map columns → report (new, duplicate, invalid) → save. Nothing is saved before the
 * admin has seen the report.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/blocklist")
@Secured(Roles.ADMIN)
public class BlocklistPageController {

    static final String SAMPLE_CSV = "address,note\r\njane@spam.example,Sends daily offers\r\n@junk.example,Whole domain\r\n";

    private final BlocklistService blocklist;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public BlocklistPageController(BlocklistService blocklist, TouchpointService touchpoints, AdminFrame frame,
                                   PageRenderer pages, ErrorPages errors) {
        this.blocklist = blocklist;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    /** One entry on the page. */
    public record EntryRow(UUID id, String pattern, String note, String added) {}

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done, @QueryValue @Nullable Integer count) {
        String notice = done == null ? null : switch (done) {
            case "added" -> "The entry was added.";
            case "deleted" -> "The entry was deleted.";
            case "imported" -> (count == null ? 0 : count) + " entries were added from the file.";
            default -> null;
        };
        return list(request, caller, touchpointId, HttpStatus.OK, notice, Map.of(), "", "");
    }

    @Post("/add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> add(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                    @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        try {
            blocklist.add(caller.tenant(), touchpointId, new BlocklistService.NewEntry(form.get("pattern"), form.get("note")));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            Map<String, String> problems = e.errors().isEmpty() ? Map.of("pattern", e.getMessage())
                    : e.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
            return list(request, caller, touchpointId, e.status(), null, problems, form.get("pattern"), form.get("note"));
        }
        return PageRenderer.seeOther(base(touchpointId) + "?done=added");
    }

    @Post("/{entryId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(@Authenticated Caller caller, @PathVariable UUID touchpointId, @PathVariable UUID entryId) {
        blocklist.remove(caller.tenant(), touchpointId, entryId);
        return PageRenderer.seeOther(base(touchpointId) + "?done=deleted");
    }

    @Get("/sample.csv")
    public HttpResponse<String> sample(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        touchpoints.get(caller.tenant(), touchpointId);
        return HttpResponse.ok(SAMPLE_CSV).contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"blocklist-sample.csv\"");
    }

    /** Step 1 → 2: the uploaded file, shown with its columns to map. */
    @Post("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<String> upload(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                       @Part("file") @Nullable CompletedFileUpload file) throws IOException {
        String text = file == null ? "" : new String(file.getBytes(), StandardCharsets.UTF_8);
        CsvTable table = CsvTable.parse(text);
        if (table.rows().isEmpty()) {
            return list(request, caller, touchpointId, HttpStatus.BAD_REQUEST, null, Map.of("file", "choose a CSV file with at least one row"), "", "");
        }
        List<String> first = table.rows().getFirst();
        boolean header = first.stream().anyMatch(c -> c.equalsIgnoreCase("address") || c.equalsIgnoreCase("email"));
        int address = header ? indexOf(first, "address", "email") : 0;
        int note = header ? indexOf(first, "note", "comment") : (table.columnCount() > 1 ? 1 : -1);
        return importPage(request, caller, touchpointId, "map", text, table, new ImportReport.Mapping(address, note, header), null, null);
    }

    /** Step 2 → 3 (go=check) or 3 → saved (go=save). The file's text travels in the form. */
    @Post("/import/mapped")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> mapped(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                       @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        String text = form.get("csv");
        CsvTable table = CsvTable.parse(text);
        ImportReport.Mapping mapping = new ImportReport.Mapping(column(form.get("addressColumn")), column(form.get("noteColumn")),
                "true".equals(form.get("headerRow")));
        if (mapping.addressColumn() < 0) {
            return importPage(request, caller, touchpointId, "map", text, table, mapping, "choose the column that holds the addresses", null);
        }
        ImportReport report = ImportReport.of(table, mapping, existing(caller, touchpointId));
        if (!form.get("go").equals("save")) {
            return importPage(request, caller, touchpointId, "report", text, table, mapping, null, report);
        }
        int added = 0;
        for (ImportReport.Row row : report.fresh()) {
            try {
                blocklist.add(caller.tenant(), touchpointId, new BlocklistService.NewEntry(row.pattern(), row.note()));
                added++;
            } catch (ApiException e) {
                if (e.status() != HttpStatus.CONFLICT) {
                    throw e; // added meanwhile by someone else: fine, it is on the list
                }
            }
        }
        return PageRenderer.seeOther(base(touchpointId) + "?done=imported&count=" + added);
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> list(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status,
                                      @Nullable String notice, Map<String, String> problems, String pattern, String note) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Blocklist · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("entries", blocklist.list(caller.tenant(), touchpointId).stream()
                .map(e -> new EntryRow(e.id(), e.pattern(), e.note(), Times.format(e.createdAt(), ""))).toList());
        model.put("problems", problems);
        model.put("pattern", pattern);
        model.put("note", note);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "blocklist", model, request);
    }

    private io.micronaut.http.MutableHttpResponse<String> importPage(HttpRequest<?> request, Caller caller, UUID touchpointId,
                                                                     String step, String text, CsvTable table,
                                                                     ImportReport.Mapping mapping, @Nullable String problem,
                                                                     @Nullable ImportReport report) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Import blocklist · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("step", step);
        model.put("csv", text);
        model.put("columns", columns(table, mapping.headerRow()));
        model.put("preview", table.rows().stream().limit(6).toList());
        model.put("mapping", mapping);
        model.put("truncated", table.truncated());
        if (report != null) {
            model.put("report", report);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(problem == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "blocklist-import", model, request);
    }

    private Set<String> existing(Caller caller, UUID touchpointId) {
        return blocklist.list(caller.tenant(), touchpointId).stream().map(BlocklistEntry::pattern).collect(Collectors.toSet());
    }

    /** Column choices: the header's names when the first row is a header, else "Column 1", "Column 2"… */
    private static List<Map.Entry<Integer, String>> columns(CsvTable table, boolean header) {
        List<Map.Entry<Integer, String>> columns = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            String name = header && i < table.rows().getFirst().size() && !table.rows().getFirst().get(i).isBlank()
                    ? table.rows().getFirst().get(i) : "Column " + (i + 1);
            columns.add(Map.entry(i, name));
        }
        return columns;
    }

    private static int indexOf(List<String> header, String... names) {
        for (int i = 0; i < header.size(); i++) {
            for (String name : names) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int column(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String base(UUID touchpointId) {
        return "/admin/touchpoints/" + touchpointId + "/blocklist";
    }
}
