import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Nightly job: reads the CRM leads page by page and prints the raw JSON of each page. */
public class SyncLeads {
  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v != null && !v.isEmpty() ? v : fallback;
  }

  static boolean fetchLeads(String apiBase, String authtoken, int page) throws IOException {
    HttpURLConnection conn = (HttpURLConnection) new URL(apiBase + "/crm/v2/Leads?page=" + page + "&authtoken=" + authtoken).openConnection();
    int status = conn.getResponseCode();
    if (status != 200) {
      System.err.println("page " + page + ": HTTP " + status);
      return false;
    }
    try (InputStream in = conn.getInputStream()) {
      System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return true;
  }

  public static void main(String[] args) throws Exception {
    String apiBase = env("ZOHO_API_BASE", "https://www.zohoapis.com");
    String authtoken = env("ZOHO_AUTHTOKEN", "");
    int pages = Integer.parseInt(env("SYNC_PAGES", "3"));
    double pause = Double.parseDouble(env("SYNC_PAUSE", "0"));
    for (int page = 1; page <= pages; page++) {
      if (page > 1) {
        Thread.sleep((long) (pause * 1000));
      }
      if (!fetchLeads(apiBase, authtoken, page)) {
        System.exit(1);
      }
    }
  }
}
