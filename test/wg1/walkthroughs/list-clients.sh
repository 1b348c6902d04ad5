#!/usr/bin/env bash
# Overview, "Example: Loading the list of Client Objects". Needs CLIENT_ID and CLIENT_SECRET.
set -euo pipefail

CDS_METADATA_URL="$BASE/.well-known/cds-server-metadata.json"

# Get the OAuth Token and Client Objects API endpoints from the OAuth Authorization Server Metadata
OAUTH_METADATA_URL=$(curl "$CDS_METADATA_URL" | jq -r ".oauth_metadata")
OAUTH_METADATA_OBJECT=$(curl "$OAUTH_METADATA_URL" | jq ".")
TOKEN_ENDPOINT=$(echo "$OAUTH_METADATA_OBJECT" | jq -r ".token_endpoint")
CDS_CLIENTS_API=$(echo "$OAUTH_METADATA_OBJECT" | jq -r ".cds_clients_api")

# Obtain a cds_client_admin access_token
TOKEN_RESPONSE=$(curl -v \
    -u "$CLIENT_ID:$CLIENT_SECRET" \
    -d "grant_type=client_credentials" \
    -d "scope=cds_client_admin" \
    "$TOKEN_ENDPOINT" \
    | jq ".")
# (extract the access token for use in the Client Objects API)
CLIENT_ADMIN_ACCESS_TOKEN=$(echo "$TOKEN_RESPONSE" | jq -r ".access_token")

# Get your list of Client Objects
CLIENTS=$(curl -v \
    -H "Authorization: Bearer $CLIENT_ADMIN_ACCESS_TOKEN" \
    "$CDS_CLIENTS_API" \
    | jq ".")

jq -n --argjson token "$TOKEN_RESPONSE" --argjson clients "$CLIENTS" '{token: $token, clients: $clients}'
