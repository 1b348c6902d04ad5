#!/usr/bin/env bash
# Overview, "Example: Adding a Redirect URI to a Client Object". Needs CLIENT_ADMIN_ACCESS_TOKEN.
set -euo pipefail

CDS_METADATA_URL="$BASE/.well-known/cds-server-metadata.json"

# Get the Client Objects API endpoint from the OAuth Authorization Server Metadata
OAUTH_METADATA_URL=$(curl "$CDS_METADATA_URL" | jq -r ".oauth_metadata")
OAUTH_METADATA_OBJECT=$(curl "$OAUTH_METADATA_URL" | jq ".")
CDS_CLIENTS_API=$(echo "$OAUTH_METADATA_OBJECT" | jq -r ".cds_clients_api")

# Get the Client Object that needs to be updated
CUSTOMER_DATA_CLIENT_OBJECT=$(curl -v \
    -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" \
    "$CDS_CLIENTS_API" \
    | jq ".clients | .[] | select(.scope==\"customer_data\")")

# Add your own redirect_uri to the current redirect_uris
CUSTOM_REDIRECT_URI="https://example.com/my-redirect"
DEFAULT_REDIRECT_URI=$(echo "$CUSTOMER_DATA_CLIENT_OBJECT" | jq -r ".redirect_uris | .[0]")
UPDATED_CUSTOMER_DATA_CLIENT_OBJECT=$(echo "$CUSTOMER_DATA_CLIENT_OBJECT" \
    | sed "s|\"$DEFAULT_REDIRECT_URI\"|\"$DEFAULT_REDIRECT_URI\", \"$CUSTOM_REDIRECT_URI\"|g")

# Modify the Client Object
CUSTOMER_DATA_CDS_CLIENT_URI=$(echo "$CUSTOMER_DATA_CLIENT_OBJECT" | jq -r ".cds_client_uri")
# The overview's sed also rewrites "cds_default_redirect_uri": the body is not JSON any more.
LITERAL_STATUS=$(curl -s -o /dev/null -w "%{http_code}" -X PUT \
    -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" \
    --data-raw "$UPDATED_CUSTOMER_DATA_CLIENT_OBJECT" \
    "$CUSTOMER_DATA_CDS_CLIENT_URI")
AFTER_LITERAL=$(curl -s -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" "$CUSTOMER_DATA_CDS_CLIENT_URI" | jq ".")
# The same edit, to redirect_uris only.
UPDATED_CUSTOMER_DATA_CLIENT_OBJECT=$(echo "$CUSTOMER_DATA_CLIENT_OBJECT" \
    | jq --arg d "$DEFAULT_REDIRECT_URI" --arg c "$CUSTOM_REDIRECT_URI" \
        '.redirect_uris |= map(if . == $d then ($d, $c) else . end)')
UPDATED=$(curl -v -X PUT \
    -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" \
    --data-raw "$UPDATED_CUSTOMER_DATA_CLIENT_OBJECT" \
    "$CUSTOMER_DATA_CDS_CLIENT_URI" \
    | jq ".")

# If you want to revert back to just the Server default, submit an empty list as the redirect_uris
REVERTED_CUSTOMER_DATA_CLIENT_OBJECT=$(echo "$UPDATED" | jq '.redirect_uris = []')
REVERTED=$(curl -v -X PUT \
    -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" \
    --data-raw "$REVERTED_CUSTOMER_DATA_CLIENT_OBJECT" \
    "$CUSTOMER_DATA_CDS_CLIENT_URI" \
    | jq ".")

jq -n --argjson before "$CUSTOMER_DATA_CLIENT_OBJECT" --arg literal_status "$LITERAL_STATUS" \
    --argjson after_literal "$AFTER_LITERAL" --argjson updated "$UPDATED" --argjson reverted "$REVERTED" \
    '{before: $before, literal_status: $literal_status, after_literal: $after_literal, updated: $updated, reverted: $reverted}'
