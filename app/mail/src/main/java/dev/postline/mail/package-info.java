/**
 * Pure mail handling for the ingestion pipeline: no framework, no database, no I/O beyond the
 * bytes handed in.
 *
 * <p>The pipeline calls, in this order: {@link dev.postline.mail.MimeLimits#check} (step 1, cheap
 * streaming scan; a violation means quarantine), {@link dev.postline.mail.MessageParser#parse}
 * (step 2), {@link dev.postline.mail.AutomatedMailClassifier#classify} (step 5). Display code
 * calls {@link dev.postline.mail.HtmlSanitizer#sanitize} on the raw HTML body before it reaches a
 * browser. Apache mime4j does the MIME work here; jakarta.mail stays inside connectors/imap.
 */
package dev.postline.mail;
