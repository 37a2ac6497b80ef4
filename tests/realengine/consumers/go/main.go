// An app team's program: the landing zone's VpcIsland through the SDK `pulumi package add` generated.
package main

import (
	"example.com/pulumi-landingzone/sdk/go/landingzone"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cidr := config.Get(ctx, "cidr")
		if cidr == "" {
			cidr = "10.70.0.0/16"
		}
		azCount := 2
		island, err := landingzone.NewVpcIsland(ctx, "island", &landingzone.VpcIslandArgs{
			Environment: landingzone.EnvironmentArgs{
				Name: "dev", Owner: "app-team", Tags: map[string]string{"cost-center": "app-42"},
			},
			Cidr:    cidr,
			AzCount: &azCount,
			Tiers: []landingzone.TierArgs{
				{Name: "web", Kind: "public"},
				{Name: "app", Kind: "private"},
				{Name: "data", Kind: "isolated"},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("vpcId", island.VpcId)
		ctx.Export("subnetIds", island.SubnetIds)
		return nil
	})
}
