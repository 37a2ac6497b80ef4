-- Snort 3 on a landing-zone sensor, rendered by components/ids/userdata.py (double-brace placeholders).
-- Mode {{mode}}.
-- Defaults (classifications, variables, wizard, http_inspect settings) come from the
-- snort_defaults.lua that `make install` of Snort 3 puts next to this file.

HOME_NET = '{{home_net}}'
EXTERNAL_NET = 'any'

include 'snort_defaults.lua'

-- The DAQ (nfq or afpacket+gwlb) and inline mode (-Q) are set on the command line by
-- snort3.service, so this file is the same in both modes except for its header.

ips =
{
    mode = inline,
    enable_builtin_rules = true,
    variables = default_variables,
    rules = [[
        include /usr/local/etc/rules/snort3-community.rules
        include /usr/local/etc/rules/local.rules
    ]],
}

stream = { }
stream_ip = { }
stream_tcp = { policy = 'linux' }
stream_udp = { }
normalizer = { tcp = { ips = true } }

http_inspect = { request_depth = -1, response_depth = 65535 }
wizard = default_wizard

binder =
{
    { when = { service = 'http' }, use = { type = 'http_inspect' } },
    { use = { type = 'wizard' } },
}

classifications = default_classifications
references = default_references

-- One JSON object per line in /var/log/snort/alert_json.txt (snort -l /var/log/snort),
-- shipped to the IDS log group by the CloudWatch agent.
alert_json =
{
    file = true,
    limit = 100,
    fields = 'timestamp action msg gid sid rev class priority proto dir src_addr src_port dst_addr dst_port service pkt_num',
}
