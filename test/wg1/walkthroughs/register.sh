#!/usr/bin/env bash
# Overview, "Example: Registering a Client".
set -euo pipefail

# Start with your CDS Server Metadata's well-known URL
CDS_METADATA_URL="$BASE/.well-known/cds-server-metadata.json"

# Get the OAuth Authorization Server Metadata URL from the CDS Server Metadata
OAUTH_METADATA_URL=$(curl -v "$CDS_METADATA_URL" | jq -r ".oauth_metadata")

# See the OAuth Authorization Server Metadata
curl -v "$OAUTH_METADATA_URL" | jq "." > /dev/null

# (determine which scopes and registration requirements you want for registration)
SCOPES_TO_REGISTER="cds_client_admin cds_grant_admin cds_server_provided_files_01 customer_data"

# Submit a OAuth Dynamic Client Registration
REGISTRATION_ENDPOINT=$(curl -v "$OAUTH_METADATA_URL" | jq -r ".registration_endpoint")
RESPONSE=$(curl -v \
    --data-raw "{
        \"client_name\": \"Example Energy Audit Services\",
        \"client_uri\": \"https://example.com/\",
        \"scope\": \"$SCOPES_TO_REGISTER\"
    }" \
    "$REGISTRATION_ENDPOINT" \
    | jq ".")

# You have now registered! Save the client_id and client_secret for use in other examples
CLIENT_ID=$(echo "$RESPONSE" | jq -r ".client_id")
CLIENT_SECRET=$(echo "$RESPONSE" | jq -r ".client_secret")

jq -n --argjson response "$RESPONSE" --arg client_id "$CLIENT_ID" --arg client_secret "$CLIENT_SECRET" \
    '{response: $response, client_id: $client_id, client_secret: $client_secret}'
