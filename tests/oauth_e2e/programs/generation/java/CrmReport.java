import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints the first page of CRM leads for the morning report (a cron job). */
public class CrmReport {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value != null ? value : fallback;
  }

  static String getToken() throws IOException, InterruptedException {
    String email = URLEncoder.encode(System.getenv("ZOHO_EMAIL"), StandardCharsets.UTF_8);
    String password = URLEncoder.encode(System.getenv("ZOHO_PASSWORD"), StandardCharsets.UTF_8);
    String form = "SCOPE=ZohoCRM/crmapi&EMAIL_ID=" + email + "&PASSWORD=" + password;
    HttpResponse<String> resp = HTTP.send(
        HttpRequest.newBuilder(URI.create(env("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com") + "/apiauthtoken/nb/create"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("AUTHTOKEN=(\\w+)").matcher(resp.body());
    if (!m.find()) {
      throw new IOException("token generation failed: " + resp.body());
    }
    return m.group(1);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    String token = getToken();
    HttpRequest request = HttpRequest.newBuilder(URI.create(env("ZOHO_API_BASE", "https://www.zohoapis.com") + "/crm/v2/Leads?page=1"))
        .header("Authorization", "Zoho-authtoken " + token)
        .build();
    HttpResponse<String> resp = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      System.err.println("HTTP " + resp.statusCode());
      System.exit(1);
    }
    Matcher names = Pattern.compile("\"Last_Name\":\\s*\"([^\"]+)\"").matcher(resp.body());
    while (names.find()) {
      System.out.println(names.group(1));
    }
  }
}
