using System;
using System.Net.Http;

// Disconnects the integration from Zoho when an admin removes it.
public static class Disconnect
{
    private static readonly HttpClient Client = new HttpClient();

    private static bool Revoke(string accounts, string token)
    {
        HttpResponseMessage response = Client.GetAsync(accounts + "/apiauthtoken/delete?AUTHTOKEN=" + token).Result;
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine("HTTP " + (int)response.StatusCode);
            return false;
        }
        Console.WriteLine("disconnected");
        return true;
    }

    public static int Main()
    {
        string accounts = Environment.GetEnvironmentVariable("ZOHO_ACCOUNTS_BASE") ?? "https://accounts.zoho.com";
        return Revoke(accounts, Environment.GetEnvironmentVariable("ZOHO_AUTHTOKEN")) ? 0 : 1;
    }
}
