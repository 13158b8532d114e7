package dev.postline.core.notification;

/** What a notification tells a tenant's admins. */
public enum NotificationKind {
    /** A touchpoint's connection is lost or its authorization expired: someone must look now. */
    CONNECTION_LOST,
    /** A touchpoint that had a CONNECTION_LOST incident is connected again. */
    RECOVERED,
    /** A touchpoint's authorization ends soon, or its periodic re-authentication check is due. */
    REAUTH_NEEDED
}
