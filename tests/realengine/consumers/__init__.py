"""Programs in other Pulumi languages that consume our component package (components/provider)."""
