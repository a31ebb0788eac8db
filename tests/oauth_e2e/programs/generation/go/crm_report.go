// Prints the first page of CRM leads for the morning report (a cron job).
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
)

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// getToken generates an Authtoken from the account's e-mail address and password.
func getToken() (string, error) {
	form := url.Values{"SCOPE": {"ZohoCRM/crmapi"}, "EMAIL_ID": {os.Getenv("ZOHO_EMAIL")}, "PASSWORD": {os.Getenv("ZOHO_PASSWORD")}}
	resp, err := http.PostForm(env("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")+"/apiauthtoken/nb/create", form)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`AUTHTOKEN=(\w+)`).FindSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("token generation failed: %s", body)
	}
	return string(m[1]), nil
}

// printLeads prints the first page of leads.
func printLeads(apiBase, token string) error {
	req, err := http.NewRequest("GET", apiBase+"/crm/v2/Leads?page=1", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Zoho-authtoken "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	fmt.Println(string(body))
	return nil
}

func main() {
	token, err := getToken()
	if err == nil {
		err = printLeads(env("ZOHO_API_BASE", "https://www.zohoapis.com"), token)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
