package dev.postline.mail;

/** Why a received mail must not be treated as a person writing to us. Any flag forbids an auto-reply. */
public enum MailFlag {
    /** Sent by a program: Auto-Submitted, X-Autoreply/X-Autorespond, Precedence auto_reply, null Return-Path. */
    AUTO_SUBMITTED,
    /** A delivery failure report: multipart/report delivery-status, mailer-daemon/postmaster, X-Failed-Recipients. */
    BOUNCE,
    /** Mailing-list or mass traffic: List-* and X-Mailman-* headers, Precedence list/bulk/junk, a list robot sender, group-only recipients. */
    LIST,
    /** Carries X-Loop: it already went through an automated responder. */
    LOOP,
    /** Sent from one of the tenant's own touchpoint addresses. */
    OWN_ADDRESS
}
