# Disconnects the integration from Zoho when an admin removes it.
require "net/http"

ACCOUNTS = ENV.fetch("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")

def disconnect(token)
  res = Net::HTTP.get_response(URI("#{ACCOUNTS}/apiauthtoken/delete?AUTHTOKEN=#{token}"))
  raise "HTTP #{res.code}" unless res.is_a?(Net::HTTPSuccess)

  puts "disconnected"
end

disconnect(ENV.fetch("ZOHO_AUTHTOKEN"))
