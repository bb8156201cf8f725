//! What can be imported: the kinds of file and, for each, the fields a column can fill.

use crate::error::Field;
use serde::{Deserialize, Serialize};

/// The kinds of list a user can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Contacts,
    Orders,
    Interactions,
    Staff,
}

impl ImportKind {
    pub const ALL: [ImportKind; 5] = [
        ImportKind::Customers,
        ImportKind::Contacts,
        ImportKind::Orders,
        ImportKind::Interactions,
        ImportKind::Staff,
    ];

    /// The fields a column can fill, in the order the mapping step shows them.
    pub fn fields(self) -> &'static [ImportField] {
        use ImportField::*;
        match self {
            // The contact columns of a usual CRM export make the customer's contact.
            ImportKind::Customers => &[
                Name,
                Kind,
                Industry,
                Region,
                Tier,
                Tags,
                Status,
                Since,
                Owner,
                CannotLose,
                Locked,
                Referrals,
                Notes,
                CompanyPhone,
                Address,
                Contact,
                Title,
                Mobile,
                Phone,
                Email,
                WeChat,
            ],
            ImportKind::Contacts => &[
                Customer,
                Name,
                Title,
                Mobile,
                Phone,
                WeChat,
                Email,
                Birthday,
                Channel,
                DecisionMaker,
                Notes,
            ],
            ImportKind::Orders => &[
                Customer,
                Date,
                Amount,
                Margin,
                Quantity,
                CostToServe,
                Staff,
                Notes,
            ],
            ImportKind::Interactions => &[
                Customer,
                Date,
                InteractionKind,
                Staff,
                Contact,
                Summary,
                NextContact,
            ],
            ImportKind::Staff => &[
                Name, Role, HireDate, Regions, Industries, Capacity, LeavingOn,
            ],
        }
    }

    /// Fields without which a row means nothing. Other fields have defaults: a missing
    /// "since" or hire date is the import day, a missing tier is C, and so on.
    pub fn required(self) -> &'static [ImportField] {
        use ImportField::*;
        match self {
            ImportKind::Customers | ImportKind::Staff => &[Name],
            ImportKind::Contacts => &[Customer, Name],
            ImportKind::Orders => &[Customer, Date, Amount],
            ImportKind::Interactions => &[Customer, Date],
        }
    }
}

/// A field a column can fill. The same field can mean different things per kind: `Name`
/// is the customer's name in a customer list and the person's name in a contact list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// The name of the record itself (customer, contact or staff member).
    Name,
    /// The customer a contact, order or interaction belongs to, by name.
    Customer,
    /// Company or person.
    Kind,
    Industry,
    Region,
    Tier,
    Tags,
    Status,
    Since,
    /// The staff member who owns a customer, by name.
    Owner,
    CannotLose,
    /// Kept by its owner whatever the pool rules say.
    Locked,
    Referrals,
    Notes,
    Title,
    Phone,
    /// A customer's own number (总机), beside its contact's: `Phone` in a customer list
    /// stays the contact's, as in the usual CRM export.
    CompanyPhone,
    /// A customer's address.
    Address,
    /// A mobile number beside a landline: both go into the contact's phone.
    Mobile,
    /// Kept in the contact's notes: contacts have no WeChat field of their own.
    WeChat,
    Email,
    Birthday,
    Channel,
    DecisionMaker,
    Date,
    Amount,
    Margin,
    Quantity,
    CostToServe,
    /// The staff member who took an order or made a contact, by name.
    Staff,
    InteractionKind,
    /// The contact person an interaction was with, by name.
    Contact,
    Summary,
    /// The next contact a follow-up agreed on.
    NextContact,
    Role,
    HireDate,
    Regions,
    Industries,
    Capacity,
    LeavingOn,
}

impl ImportField {
    /// The stable name, for translation keys (`import.field.<key>`).
    pub fn key(self) -> &'static str {
        use ImportField::*;
        match self {
            Name => "name",
            Customer => "customer",
            Kind => "kind",
            Industry => "industry",
            Region => "region",
            Tier => "tier",
            Tags => "tags",
            Status => "status",
            Since => "since",
            Owner => "owner",
            CannotLose => "cannot_lose",
            Locked => "locked",
            Referrals => "referrals",
            Notes => "notes",
            Title => "title",
            Phone => "phone",
            CompanyPhone => "company_phone",
            Address => "address",
            Mobile => "mobile",
            WeChat => "we_chat",
            Email => "email",
            Birthday => "birthday",
            Channel => "channel",
            DecisionMaker => "decision_maker",
            Date => "date",
            Amount => "amount",
            Margin => "margin",
            Quantity => "quantity",
            CostToServe => "cost_to_serve",
            Staff => "staff",
            InteractionKind => "interaction_kind",
            Contact => "contact",
            Summary => "summary",
            NextContact => "next_contact",
            Role => "role",
            HireDate => "hire_date",
            Regions => "regions",
            Industries => "industries",
            Capacity => "capacity",
            LeavingOn => "leaving_on",
        }
    }

    /// The import field behind an engine validation field, so a record's own check
    /// points at the column that caused it.
    pub fn of_book_field(kind: ImportKind, field: Field) -> Option<ImportField> {
        use ImportField as F;
        Some(match field {
            Field::Name => F::Name,
            Field::Industry if kind == ImportKind::Staff => F::Industries,
            Field::Industry => F::Industry,
            Field::Region if kind == ImportKind::Staff => F::Regions,
            Field::Region => F::Region,
            Field::Tags => F::Tags,
            Field::Since => F::Since,
            Field::Notes if kind == ImportKind::Interactions => F::Summary,
            Field::Notes => F::Notes,
            Field::Customer => F::Customer,
            Field::Staff if kind == ImportKind::Customers => F::Owner,
            Field::Staff => F::Staff,
            Field::Contact => F::Contact,
            Field::Title => F::Title,
            Field::Phone if kind == ImportKind::Customers => F::CompanyPhone,
            Field::Phone => F::Phone,
            Field::Address => F::Address,
            Field::Email => F::Email,
            Field::Birthday => F::Birthday,
            Field::HireDate => F::HireDate,
            Field::Capacity => F::Capacity,
            Field::Status => F::Status,
            Field::LeavingOn => F::LeavingOn,
            Field::Role => F::Role,
            Field::Date => F::Date,
            Field::Amount => F::Amount,
            Field::Quantity => F::Quantity,
            Field::Margin => F::Margin,
            Field::CostToServe => F::CostToServe,
            Field::Summary => F::Summary,
            Field::NextContact => F::NextContact,
            _ => return None,
        })
    }
}
