// An app team's program: the landing zone's VpcIsland through the SDK `pulumi package add` generated.
import * as pulumi from "@pulumi/pulumi";
import * as landingzone from "@pulumi/landingzone";

const config = new pulumi.Config();

const island = new landingzone.VpcIsland("island", {
    environment: { name: "dev", owner: "app-team", tags: { "cost-center": "app-42" } },
    cidr: config.get("cidr") ?? "10.50.0.0/16",
    azCount: 2,
    natStrategy: "single",
    tiers: [
        { name: "web", kind: "public" },
        { name: "app", kind: "private" },
        { name: "data", kind: "isolated" },
    ],
});

export const vpcId = island.vpcId;
export const subnetIds = island.subnetIds;
