using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

// Nightly job: reads the CRM leads page by page and prints the raw JSON of each page.
public static class SyncLeads
{
    private static readonly HttpClient Client = new HttpClient();

    private static string Env(string name, string fallback)
    {
        string v = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(v) ? fallback : v;
    }

    private static async Task<bool> FetchLeads(string apiBase, string authtoken, int page)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, apiBase + "/crm/v2/Leads?page=" + page + "&authtoken=" + authtoken);
        HttpResponseMessage response = await Client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine("page " + page + ": HTTP " + (int)response.StatusCode);
            return false;
        }
        Console.WriteLine(await response.Content.ReadAsStringAsync());
        return true;
    }

    public static int Main()
    {
        return Run().GetAwaiter().GetResult();
    }

    private static async Task<int> Run()
    {
        string apiBase = Env("ZOHO_API_BASE", "https://www.zohoapis.com");
        string authtoken = Env("ZOHO_AUTHTOKEN", "");
        int pages = int.Parse(Env("SYNC_PAGES", "3"), CultureInfo.InvariantCulture);
        double pause = double.Parse(Env("SYNC_PAUSE", "0"), CultureInfo.InvariantCulture);
        for (int page = 1; page <= pages; page++)
        {
            if (page > 1)
            {
                Thread.Sleep(TimeSpan.FromSeconds(pause));
            }
            if (!await FetchLeads(apiBase, authtoken, page))
            {
                return 1;
            }
        }
        return 0;
    }
}
