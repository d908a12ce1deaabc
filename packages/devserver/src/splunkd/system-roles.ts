/**
 * Splunk's built-in roles and capabilities, as listed in Splunk Enterprise 10.4.2's
 * `etc/system/default/authorize.conf` (capability names and role grants only).
 */

function words(text: string): readonly string[] {
    return text.split(/\s+/).filter((w) => w !== '');
}

const USER_CAPABILITIES = words(`
    change_own_password edit_search_schedule_window get_metadata get_typeahead input_file list_inputs
    output_file upload_lookup_files request_remote_tok rest_apps_view rest_properties_get rest_properties_set
    search accelerate_search list_accelerate_search pattern_detect list_metrics_catalog list_tokens_own
    export_results_is_visible run_collect run_mcollect run_dump run_sendalert run_custom_command
    rest_access_server_endpoints read_datasets list_spl2_modules edit_spl2_modules edit_spl2_module_permissions
`);

const POWER_CAPABILITIES = words(`
    edit_messages schedule_search metric_alerts embed_report rtsearch edit_sourcetypes edit_statsd_transforms
    search_process_config_refresh edit_log_alert_event run_msearch run_dump run_sendalert run_custom_command
    rest_access_server_endpoints list_field_filter run_commands_ignoring_field_filter edit_connections
    read_connections edit_datasets write_datasets read_datasets list_spl2_modules edit_spl2_modules
    edit_spl2_module_permissions
`);

const ADMIN_CAPABILITIES = words(`
    delete_oauth_config_clients list_oauth_config_clients list_oauth_configs edit_oauth_configs
    list_oauth_config_role_mappings edit_oauth_config_role_mappings edit_messages accelerate_datamodel
    admin_all_objects edit_tokens_settings edit_cloudconnect_settings change_authentication change_audit
    edit_bookmarks_mc create_external_lookup edit_external_lookup edit_deployment_client list_deployment_client
    edit_deployment_server list_deployment_server list_search_head_clustering dispatch_rest_to_indexers
    edit_authentication_extensions edit_cmd edit_upload_and_index edit_tcp_stream list_dist_peer edit_dist_peer
    edit_field_filter list_field_filter edit_restmap edit_forwarders edit_indexerdiscovery edit_httpauths
    edit_indexer_cluster edit_input_defaults list_introspection edit_local_apps edit_monitor edit_tokens_own
    edit_roles edit_scripted edit_search_concurrency_all edit_search_head_clustering edit_search_server
    edit_search_scheduler edit_search_schedule_priority edit_tokens_all list_tokens_all edit_certificates
    list_certificates edit_connections read_connections edit_datasets write_datasets read_datasets
    edit_spl2_module_permissions list_spl2_modules edit_spl2_modules edit_spl2_datasets
    edit_data_management_edgeprocessor provision_data_management_agent edit_data_management_agent
    list_federated_providers edit_federated_providers edit_federated_indexes edit_output_ingest_processor
    edit_input_ingest_processor list_topology edit_conf_objects list_conf_objects edit_authentication_node
    list_authentication_node list_data_management_otelcollector edit_data_management_otelcollector
    list_indexer_cluster list_pipeline_sets list_search_scheduler list_settings edit_server edit_user_seed
    edit_splunktcp edit_splunktcp_ssl edit_splunktcp_token edit_tcp edit_udp edit_telemetry_settings edit_user
    edit_view_html edit_web_settings get_diag indexes_edit install_apps license_edit license_tab
    license_view_warnings refresh_application_licenses list_forwarders list_indexerdiscovery list_httpauths
    rest_apps_management restart_splunkd restart_reason run_debug_commands list_token_http edit_token_http
    web_debug search_process_config_refresh edit_server_crl edit_storage_passwords list_storage_passwords
    edit_storage_passwords_masking edit_encryption_key_provider never_lockout never_expire list_health
    edit_health apps_restore apps_backup fsh_manage fsh_search edit_workload_pools list_workload_pools
    select_workload_pools edit_workload_rules list_workload_rules list_workload_policy edit_workload_policy
    edit_metric_schema edit_metrics_rollup list_cascading_plans list_remote_output_queue list_remote_input_queue
    list_ingest_rulesets edit_ingest_rulesets capture_ingest_events edit_published_dashboards
    auto_refresh_dashboards deactivate_dashboards edit_dashboard_allow_list edit_log_alert_event
    edit_global_banner edit_web_features edit_kvstore upload_mmdb_files use_remote_proxy edit_manager_xml
    merge_buckets edit_heap_profiler
`);

/** Every capability splunkd defines (`[capability::…]` stanzas of the system authorize.conf). */
export const SYSTEM_CAPABILITIES: readonly string[] = words(`
    accelerate_datamodel admin_all_objects edit_alert_actions list_alert_actions edit_own_objects
    edit_tokens_settings edit_cloudconnect_settings change_authentication change_audit change_own_password
    edit_storage_passwords list_storage_passwords edit_storage_passwords_masking delete_by_keyword
    edit_bookmarks_mc edit_deployment_client list_deployment_client edit_deployment_server
    list_deployment_server edit_cmd edit_upload_and_index edit_tcp_stream list_dist_peer edit_dist_peer
    edit_forwarders edit_indexerdiscovery edit_httpauths edit_indexer_cluster edit_input_defaults install_apps
    edit_local_apps edit_authentication_extensions edit_monitor edit_restmap edit_roles edit_roles_grantable
    edit_saved_search edit_saved_search_owner edit_scripted edit_search_server edit_search_head_clustering
    edit_search_concurrency_all edit_search_concurrency_scheduled edit_search_scheduler
    edit_search_schedule_priority edit_search_schedule_window list_saved_searches list_pipeline_sets
    list_search_scheduler list_introspection list_settings list_metrics_catalog edit_tokens_all edit_tokens_own
    list_tokens_own list_tokens_scs edit_server edit_user_seed edit_field_filter list_field_filter
    edit_sourcetypes edit_splunktcp edit_splunktcp_ssl edit_splunktcp_token edit_statsd_transforms
    edit_metric_schema edit_tcp edit_udp edit_telemetry_settings edit_user delete_saml_user list_all_users
    list_all_roles edit_view_html edit_web_settings get_metadata get_typeahead get_diag indexes_edit input_file
    license_edit license_read license_tab license_view_warnings list_all_objects list_forwarders
    list_indexerdiscovery list_httpauths list_indexer_cluster list_inputs list_search_head_clustering
    output_file request_remote_tok rest_apps_management rest_apps_view rest_properties_get rest_properties_set
    restart_splunkd restart_reason rtsearch run_commands_ignoring_field_filter run_debug_commands run_walklex
    schedule_search metric_alerts schedule_rtsearch search accelerate_search list_accelerate_search embed_report
    pattern_detect list_token_http edit_token_http web_debug export_results_is_visible edit_server_crl
    search_process_config_refresh dispatch_rest_to_indexers refresh_application_licenses
    edit_encryption_key_provider never_lockout never_expire list_health list_health_subset edit_health
    edit_health_subset request_pstacks edit_watchdog list_workload_pools edit_workload_pools
    select_workload_pools list_workload_rules edit_workload_rules list_workload_policy edit_workload_policy
    run_collect run_mcollect list_tokens_all upload_lookup_files upload_mmdb_files create_external_lookup
    edit_external_lookup apps_restore apps_backup edit_metrics_rollup list_cascading_plans
    list_remote_output_queue list_remote_input_queue run_msearch edit_messages edit_log_alert_event
    edit_global_banner fsh_manage fsh_search edit_kvstore use_remote_proxy edit_manager_xml run_dump
    run_sendalert run_custom_command list_ingest_rulesets edit_ingest_rulesets capture_ingest_events
    merge_buckets edit_web_features rest_access_server_endpoints edit_certificates list_certificates
    edit_connections read_connections edit_datasets write_datasets read_datasets edit_spl2_module_permissions
    edit_dashboard_allow_list edit_published_dashboards auto_refresh_dashboards deactivate_dashboards
    list_spl2_modules edit_spl2_modules edit_spl2_datasets edit_data_management_pipeline_job
    edit_data_management_edgeprocessor provision_data_management_agent edit_data_management_agent
    list_data_management_otelcollector edit_data_management_otelcollector delete_oauth_config_clients
    list_oauth_config_clients list_oauth_configs edit_oauth_configs list_oauth_config_role_mappings
    edit_oauth_config_role_mappings edit_internal_oauth_clients list_internal_oauth_clients
    edit_authentication_node list_authentication_node create_bulk_data_move edit_heap_profiler
    list_federated_providers edit_federated_providers edit_federated_indexes edit_output_ingest_processor
    edit_input_ingest_processor list_topology edit_conf_objects list_conf_objects
`);

/** A role: its own capabilities, imported roles and search settings. */
export interface RoleDefinition {
    readonly name: string;
    readonly capabilities: readonly string[];
    readonly importRoles: readonly string[];
    /** `srchIndexesDefault`: indexes searched when a search names none. */
    readonly srchIndexesDefault: readonly string[];
    /** `srchIndexesAllowed`. */
    readonly srchIndexesAllowed: readonly string[];
}

/** The system roles the stand-in's users need (`user`, `power`, `admin`, `can_delete`, `splunk-system-role`). */
export const SYSTEM_ROLES: readonly RoleDefinition[] = [
    {
        name: 'user',
        capabilities: USER_CAPABILITIES,
        importRoles: [],
        srchIndexesDefault: ['main'],
        srchIndexesAllowed: ['*'],
    },
    {
        name: 'power',
        capabilities: POWER_CAPABILITIES,
        importRoles: ['user'],
        srchIndexesDefault: [],
        srchIndexesAllowed: [],
    },
    {
        name: 'admin',
        capabilities: ADMIN_CAPABILITIES,
        importRoles: ['power', 'user'],
        srchIndexesDefault: ['main', 'os'],
        srchIndexesAllowed: ['*', '_*'],
    },
    {
        name: 'can_delete',
        capabilities: ['delete_by_keyword'],
        importRoles: [],
        srchIndexesDefault: [],
        srchIndexesAllowed: [],
    },
    {
        name: 'splunk-system-role',
        capabilities: [],
        importRoles: ['admin'],
        srchIndexesDefault: [],
        srchIndexesAllowed: [],
    },
];
