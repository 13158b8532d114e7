package dev.postline.core.db;

/** The two databases Postline runs on. Vendor-specific SQL lives in {@code db/migration/<folder>}. */
public enum DatabaseVendor {
    H2("h2"),
    POSTGRES("postgres");

    private final String migrationFolder;

    DatabaseVendor(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    public static DatabaseVendor fromJdbcUrl(String url) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalStateException(
                "postline.db.url must be a jdbc:postgresql: or jdbc:h2: URL (set POSTLINE_DB_URL)");
    }
}
