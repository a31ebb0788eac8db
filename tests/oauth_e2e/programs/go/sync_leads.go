// Nightly job: reads the CRM leads page by page and prints the raw JSON of each page.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func fetchLeads(apiBase, authtoken string, page int) (string, error) {
	u := fmt.Sprintf("%s/crm/v2/Leads?page=%d&authtoken=%s", apiBase, page, authtoken)
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("page %d: HTTP %d", page, resp.StatusCode)
	}
	return string(body), nil
}

func main() {
	apiBase := env("ZOHO_API_BASE", "https://www.zohoapis.com")
	authtoken := env("ZOHO_AUTHTOKEN", "")
	pages, _ := strconv.Atoi(env("SYNC_PAGES", "3"))
	pause, _ := strconv.ParseFloat(env("SYNC_PAUSE", "0"), 64)
	for page := 1; page <= pages; page++ {
		if page > 1 {
			time.Sleep(time.Duration(pause * float64(time.Second)))
		}
		body, err := fetchLeads(apiBase, authtoken, page)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(body)
	}
}
