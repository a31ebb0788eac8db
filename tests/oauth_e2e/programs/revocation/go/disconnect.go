// Disconnects the integration from Zoho when an admin removes it.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func disconnect(accounts, token string) error {
	resp, err := http.Get(accounts + "/apiauthtoken/delete?AUTHTOKEN=" + token)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	fmt.Println("disconnected")
	return nil
}

func main() {
	accounts := os.Getenv("ZOHO_ACCOUNTS_BASE")
	if accounts == "" {
		accounts = "https://accounts.zoho.com"
	}
	if err := disconnect(accounts, os.Getenv("ZOHO_AUTHTOKEN")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
