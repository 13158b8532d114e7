package dev.postline.tenantadmin.web.wizard;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One connector setting as a form input, derived from the connector's own {@link SettingField}
 * description: the page has no connector-specific form code. {@code widget} is text, number,
 * checkbox, select or password; a password's value is never written into the page.
 */
public record FieldView(String name, String label, String help, String widget, boolean required, String value,
                        List<String> options, @Nullable String error) {

    public static FieldView of(SettingField field, String value, @Nullable String error) {
        String widget = switch (field.type()) {
            case INT, PORT -> "number";
            case BOOLEAN -> "checkbox";
            case ENUM -> "select";
            case PASSWORD -> "password";
            case STRING, HOST -> field.secret() ? "password" : "text";
        };
        return new FieldView("s." + field.name(), field.label(), field.helpText(), widget, field.required(),
                field.type() == SettingType.PASSWORD || field.secret() ? "" : value, field.allowedValues(), error);
    }

    /** The input's id (dots are awkward in CSS selectors and fragment links). */
    public String id() {
        return name.replace('.', '-');
    }
}
