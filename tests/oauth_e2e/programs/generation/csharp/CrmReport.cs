using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;

// Prints the first page of CRM leads for the morning report (a cron job).
public static class CrmReport
{
    private static readonly HttpClient Client = new HttpClient();

    private static string Env(string name, string fallback)
    {
        string v = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(v) ? fallback : v;
    }

    // Generates an Authtoken from the account's e-mail address and password.
    private static string GetToken()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SCOPE"] = "ZohoCRM/crmapi",
            ["EMAIL_ID"] = Environment.GetEnvironmentVariable("ZOHO_EMAIL"),
            ["PASSWORD"] = Environment.GetEnvironmentVariable("ZOHO_PASSWORD"),
        });
        HttpResponseMessage response = Client.PostAsync(Env("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com") + "/apiauthtoken/nb/create", form).Result;
        string body = response.Content.ReadAsStringAsync().Result;
        Match m = Regex.Match(body, @"AUTHTOKEN=(\w+)");
        if (!m.Success)
        {
            throw new InvalidOperationException("token generation failed: " + body);
        }
        return m.Groups[1].Value;
    }

    private static int PrintLeads(string apiBase, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, apiBase + "/crm/v2/Leads?page=1");
        request.Headers.TryAddWithoutValidation("Authorization", "Zoho-authtoken " + token);
        HttpResponseMessage response = Client.SendAsync(request).Result;
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine("HTTP " + (int)response.StatusCode);
            return 1;
        }
        Console.WriteLine(response.Content.ReadAsStringAsync().Result);
        return 0;
    }

    public static int Main()
    {
        return PrintLeads(Env("ZOHO_API_BASE", "https://www.zohoapis.com"), GetToken());
    }
}
