package dev.postline.tenantadmin.web.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Ids submitted by checkboxes; {@code invalid} when one was not an id at all. */
record UuidList(List<UUID> ids, boolean invalid) {

    static UuidList parse(List<String> values) {
        List<UUID> ids = new ArrayList<>();
        boolean invalid = false;
        for (String value : values) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                invalid = true;
            }
        }
        return new UuidList(ids, invalid);
    }
}
