package dev.postline.tenantadmin.web.wizard;

/** The steps of the new-touchpoint wizard after the provider choice, in order. */
public enum WizardStep {
    CONNECTION("Connection"),
    SETTINGS("Settings"),
    SUMMARY("Summary");

    private final String label;

    WizardStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
