package dev.adlens.category;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Advertiser domains written in an ad ("weebly.com", "www.example.org/offer"): the OpenRTB {@code adomain} candidates
 * read from the OCR text. Only well-formed host names with a known public suffix count, lower-cased, "www." dropped;
 * OCR noise such as "e.g" or "3.5" never matches (a letter-led label and a suffix from the list are required).
 */
public final class AdDomains {
    private static final Pattern HOST = Pattern.compile(
            "(?<![\\w@.-])(?:https?://)?((?:[a-z][a-z0-9-]{0,62}\\.)+(com|net|org|io|co|us|uk|ca|de|fr|au|in|info|biz|app"
                    + "|ai|tv|me|gov|edu|shop|store|online|site|health|news))(?![\\w-]|\\.[a-z])",
            Pattern.CASE_INSENSITIVE);
    /** At most this many domains per ad. */
    public static final int MAX = 5;

    private AdDomains() {
    }

    public static List<String> find(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = HOST.matcher(text == null ? "" : text);
        while (m.find() && out.size() < MAX) {
            String host = m.group(1).toLowerCase(Locale.ROOT);
            host = host.startsWith("www.") ? host.substring(4) : host;
            if (host.indexOf('.') > 0) {
                out.add(host);
            }
        }
        return List.copyOf(out);
    }
}
