// Runs before any module is imported: @splunk/splunk-utils/config reads window.$C at import time, as it
// does in Splunk Web, where the Mako template has loaded /config?autoload=1 first.
Object.assign(window, {
    $C: {
        SPLUNKD_PATH: '/en-US/splunkd/__raw',
        LOCALE: 'en-US',
        MRSPARKLE_ROOT_PATH: '',
        MRSPARKLE_PORT_NUMBER: '8000',
        USERNAME: 'admin',
        APP: 'passivetotal',
        BUILD_NUMBER: 1,
        BUILD_PUSH_NUMBER: 0,
        APP_BUILD: 2,
        VERSION_LABEL: '10.4.2',
    },
});
