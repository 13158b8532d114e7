package dev.postline.core.db;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the data lives. {@code user} is the role the service runs as; on PostgreSQL it must not
 * own the tables (row-level security is forced, and an owner could switch it off). Migrations run
 * as {@code ownerUser}, which defaults to {@code user} only on H2.
 */
@ConfigurationProperties("postline.db")
public class DatabaseSettings {

    private String url;
    private String user = "sa";
    private String password = "";
    @Nullable private String ownerUser;
    @Nullable private String ownerPassword;
    @Nullable private String appRole;

    public DatabaseVendor vendor() {
        return DatabaseVendor.fromJdbcUrl(url);
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password == null ? "" : password; }

    public String getOwnerUser() { return ownerUser != null ? ownerUser : user; }
    public void setOwnerUser(@Nullable String ownerUser) { this.ownerUser = ownerUser; }
    public String getOwnerPassword() {
        return ownerPassword != null ? ownerPassword : (ownerUser == null ? password : "");
    }
    public void setOwnerPassword(@Nullable String ownerPassword) { this.ownerPassword = ownerPassword; }

    /** The role granted access to the tables; defaults to the runtime user. */
    public String getAppRole() { return appRole != null ? appRole : user; }
    public void setAppRole(@Nullable String appRole) { this.appRole = appRole; }
}
