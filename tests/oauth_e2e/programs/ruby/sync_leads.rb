#!/usr/bin/env ruby
# Nightly job: reads the CRM leads page by page and prints one line per lead.
require "json"
require "net/http"
require "uri"

API_BASE = ENV.fetch("ZOHO_API_BASE", "https://www.zohoapis.com")
AUTHTOKEN = ENV.fetch("ZOHO_AUTHTOKEN", "")
PAGES = Integer(ENV.fetch("SYNC_PAGES", "3"))
PAUSE = Float(ENV.fetch("SYNC_PAUSE", "0"))

def fetch_leads(page)
  uri = URI(API_BASE + "/crm/v2/Leads?page=#{page}&authtoken=#{AUTHTOKEN}")
  response = Net::HTTP.get_response(uri)
  abort "page #{page}: HTTP #{response.code}" unless response.is_a?(Net::HTTPSuccess)
  JSON.parse(response.body)["data"]
end

(1..PAGES).each do |page|
  sleep PAUSE if page > 1
  fetch_leads(page).each { |lead| puts "#{page} #{lead['Last_Name']}" }
end
