# Prints the first page of CRM leads for the morning report (a cron job).
require "json"
require "net/http"
require "uri"

API = ENV.fetch("ZOHO_API_BASE", "https://www.zohoapis.com")
ACCOUNTS = ENV.fetch("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")

def auth_token
  email = ENV.fetch("ZOHO_EMAIL")
  password = ENV.fetch("ZOHO_PASSWORD")
  uri = URI("#{ACCOUNTS}/apiauthtoken/nb/create")
  res = Net::HTTP.post_form(uri, "SCOPE" => "ZohoCRM/crmapi", "EMAIL_ID" => email, "PASSWORD" => password)
  token = res.body[/^AUTHTOKEN=(\w+)/, 1]
  raise "Zoho login failed" unless token
  token
end

token = auth_token
res = Net::HTTP.get_response(URI("#{API}/crm/v2/Leads?page=1&authtoken=#{token}"))
abort "HTTP #{res.code}" unless res.is_a?(Net::HTTPSuccess)
JSON.parse(res.body)["data"].each { |lead| puts lead["Last_Name"] }
