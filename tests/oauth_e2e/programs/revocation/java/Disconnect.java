import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/** Disconnects the integration from Zoho when an admin removes it. */
public class Disconnect {
  static void disconnect(String accounts, String token) throws IOException {
    URL url = new URL(accounts + "/apiauthtoken/delete?AUTHTOKEN=" + token);
    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
    int status = conn.getResponseCode();
    if (status != 200) {
      throw new IOException("HTTP " + status);
    }
    System.out.println("disconnected");
  }

  public static void main(String[] args) throws IOException {
    String accounts = System.getenv("ZOHO_ACCOUNTS_BASE");
    disconnect(accounts != null ? accounts : "https://accounts.zoho.com", System.getenv("ZOHO_AUTHTOKEN"));
  }
}
